DROP TABLE IF EXISTS "priced_item";
CREATE TABLE "priced_item" ("id" INTEGER PRIMARY KEY, "note" TEXT, "price" TEXT, "version" INTEGER NOT NULL);
