DROP TABLE IF EXISTS "hot_counter";
CREATE TABLE "hot_counter" ("id" INTEGER PRIMARY KEY, "hits" INTEGER NOT NULL, "last_writer" TEXT, "version" INTEGER NOT NULL);
