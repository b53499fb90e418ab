DROP TABLE IF EXISTS "receipt";
CREATE TABLE "receipt" ("id" INTEGER PRIMARY KEY, "version" INTEGER NOT NULL, "created_by" TEXT, "amount_cents" INTEGER NOT NULL);
