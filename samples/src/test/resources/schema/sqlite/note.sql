DROP TABLE IF EXISTS "note";
CREATE TABLE "note" (
  "id" INTEGER PRIMARY KEY,
  "version" INTEGER NOT NULL,
  "text" TEXT
);
