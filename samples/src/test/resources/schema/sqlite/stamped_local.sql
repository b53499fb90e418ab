DROP TABLE IF EXISTS "stamped_local";
CREATE TABLE "stamped_local" ("id" INTEGER PRIMARY KEY, "title" TEXT, "version" TEXT NOT NULL);
