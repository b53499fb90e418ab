DROP TABLE IF EXISTS "currency";
CREATE TABLE "currency" ("code" TEXT PRIMARY KEY, "name" TEXT, "version" BIGINT NOT NULL);
