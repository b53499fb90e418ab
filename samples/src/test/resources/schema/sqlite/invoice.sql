DROP TABLE IF EXISTS "invoice";
CREATE TABLE "invoice" ("id" INTEGER PRIMARY KEY, "version" INTEGER NOT NULL, "created_by" TEXT, "customer" TEXT);
