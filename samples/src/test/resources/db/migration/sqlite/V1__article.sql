CREATE TABLE "article" (
  "id" INTEGER NOT NULL,
  "title" TEXT,
  "body" TEXT,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("id")
);
