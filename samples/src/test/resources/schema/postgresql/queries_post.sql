DROP TABLE IF EXISTS "queries_post";
CREATE TABLE "queries_post" (
  "id" BIGINT PRIMARY KEY,
  "author" TEXT,
  "title" TEXT,
  "rating" INTEGER,
  "draft" BOOLEAN NOT NULL,
  "published" TIMESTAMPTZ,
  "status" TEXT,
  "version" BIGINT NOT NULL
);
