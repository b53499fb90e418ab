-- Every supported column type, as optilock stores it on SQLite (see Dialect.SQLITE):
-- integral numbers and booleans are INTEGER, float/double REAL, byte[] BLOB, and strings, chars,
-- enums, UUIDs, decimals and every date/time type TEXT (exact, sortable text; decimals keep their
-- scale because TEXT affinity never converts them to numbers).
DROP TABLE IF EXISTS "everything";
CREATE TABLE "everything" (
  "id" TEXT PRIMARY KEY,
  "version" INTEGER NOT NULL,
  "label" TEXT,
  "flag" INTEGER NOT NULL,
  "tiny" INTEGER NOT NULL,
  "small" INTEGER NOT NULL,
  "medium" INTEGER NOT NULL,
  "large" INTEGER NOT NULL,
  "single" REAL NOT NULL,
  "dbl" REAL NOT NULL,
  "letter" TEXT NOT NULL,
  "boxed_flag" INTEGER,
  "boxed_tiny" INTEGER,
  "boxed_small" INTEGER,
  "boxed_medium" INTEGER,
  "boxed_large" INTEGER,
  "boxed_single" REAL,
  "boxed_dbl" REAL,
  "boxed_letter" TEXT,
  "amount" TEXT,
  "payload" BLOB,
  "token" TEXT,
  "status" TEXT,
  "day" TEXT,
  "stamp" TEXT,
  "moment" TEXT,
  "zoned" TEXT
);
