DROP TABLE IF EXISTS "document";
CREATE TABLE "document" (
  "id" TEXT PRIMARY KEY,
  "version" INTEGER NOT NULL,
  "title" TEXT,
  "created_at" TEXT
);
