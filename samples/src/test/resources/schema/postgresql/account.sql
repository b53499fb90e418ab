DROP TABLE IF EXISTS "account";
CREATE TABLE "account" ("id" BIGINT PRIMARY KEY, "owner" TEXT, "active" VARCHAR(1), "version" BIGINT NOT NULL);
