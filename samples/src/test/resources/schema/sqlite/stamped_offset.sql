DROP TABLE IF EXISTS "stamped_offset";
CREATE TABLE "stamped_offset" ("id" INTEGER PRIMARY KEY, "title" TEXT, "version" TEXT NOT NULL);
