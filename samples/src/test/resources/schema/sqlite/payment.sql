DROP TABLE IF EXISTS "payment";
CREATE TABLE "payment" ("id" INTEGER PRIMARY KEY, "payer" TEXT, "amount_cents" INTEGER, "version" INTEGER NOT NULL);
