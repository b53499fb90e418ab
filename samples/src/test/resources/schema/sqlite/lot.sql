-- Decimals are exact text on SQLite (docs/types.md): '1.0' and '1.00' are two keys.
DROP TABLE IF EXISTS "lot";
CREATE TABLE "lot" ("code" TEXT PRIMARY KEY, "note" TEXT, "version" INTEGER NOT NULL);
