DROP TABLE IF EXISTS "article";
CREATE TABLE "article" (
  "id" INTEGER PRIMARY KEY,
  "title" TEXT,
  "body" TEXT,
  "version" INTEGER NOT NULL
);
