-- Reserved words as table and column names: they only work quoted.
DROP TABLE IF EXISTS "order";
CREATE TABLE "order" (
  "id" INTEGER PRIMARY KEY,
  "user" TEXT,
  "select" TEXT,
  "group" TEXT,
  "key" INTEGER NOT NULL
);
