DROP TABLE IF EXISTS "listing";
CREATE TABLE "listing" ("id" INTEGER PRIMARY KEY, "title" TEXT, "attributes" TEXT, "version" INTEGER NOT NULL);
