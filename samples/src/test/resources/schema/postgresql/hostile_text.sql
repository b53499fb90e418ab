DROP TABLE IF EXISTS "hostile_text";
CREATE TABLE "hostile_text" ("id" BIGINT PRIMARY KEY, "body" TEXT, "version" BIGINT NOT NULL);
