-- A nondeterministic ICU collation that ignores case: 'abc' = 'ABC'.
DROP TABLE IF EXISTS "tag";
CREATE COLLATION IF NOT EXISTS "ignore_case" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE "tag" ("name" TEXT COLLATE "ignore_case" PRIMARY KEY, "label" TEXT, "version" BIGINT NOT NULL);
