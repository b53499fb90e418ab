DROP TABLE IF EXISTS "stamped_micros";
CREATE TABLE "stamped_micros" ("id" INTEGER PRIMARY KEY, "title" TEXT, "version" INTEGER NOT NULL);
