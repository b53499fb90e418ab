DROP TABLE IF EXISTS "json_doc";
CREATE TABLE "json_doc" (
  "id" INTEGER PRIMARY KEY,
  "body" TEXT NOT NULL,
  "version" INTEGER NOT NULL
);
