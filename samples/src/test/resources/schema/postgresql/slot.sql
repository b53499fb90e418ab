-- A composite key whose text part ignores case (a nondeterministic ICU collation).
DROP TABLE IF EXISTS "slot";
CREATE COLLATION IF NOT EXISTS "ignore_case" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE "slot" (
  "aisle" TEXT COLLATE "ignore_case" NOT NULL,
  "position" INTEGER NOT NULL,
  "item" TEXT,
  "version" BIGINT NOT NULL,
  PRIMARY KEY ("aisle", "position")
);
