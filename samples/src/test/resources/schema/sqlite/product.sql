DROP TABLE IF EXISTS "product";
CREATE TABLE "product" ("id" INTEGER PRIMARY KEY, "name" TEXT, "price" TEXT, "version" INTEGER NOT NULL);
