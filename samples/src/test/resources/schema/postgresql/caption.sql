DROP TABLE IF EXISTS "caption";
CREATE COLLATION IF NOT EXISTS "ignore_case" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE "caption" ("name" TEXT COLLATE "ignore_case" PRIMARY KEY, "title" TEXT, "body" TEXT, "version" BIGINT NOT NULL);
