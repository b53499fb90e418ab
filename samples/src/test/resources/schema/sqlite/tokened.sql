DROP TABLE IF EXISTS "tokened";
CREATE TABLE "tokened" ("id" INTEGER PRIMARY KEY, "title" TEXT, "version" TEXT NOT NULL);
