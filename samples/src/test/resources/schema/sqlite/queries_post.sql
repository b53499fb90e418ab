DROP TABLE IF EXISTS "queries_post";
CREATE TABLE "queries_post" ("id" INTEGER PRIMARY KEY, "author" TEXT, "title" TEXT, "rating" INTEGER, "draft" INTEGER NOT NULL, "published" TEXT, "status" TEXT, "version" INTEGER NOT NULL);
