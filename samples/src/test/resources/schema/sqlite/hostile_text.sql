DROP TABLE IF EXISTS "hostile_text";
CREATE TABLE "hostile_text" ("id" INTEGER PRIMARY KEY, "body" TEXT, "version" INTEGER NOT NULL);
