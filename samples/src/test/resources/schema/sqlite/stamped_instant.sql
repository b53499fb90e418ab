DROP TABLE IF EXISTS "stamped_instant";
CREATE TABLE "stamped_instant" ("id" INTEGER PRIMARY KEY, "title" TEXT, "version" TEXT NOT NULL);
