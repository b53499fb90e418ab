DROP TABLE IF EXISTS "subscription";
CREATE TABLE "subscription" ("id" INTEGER PRIMARY KEY, "fee" TEXT, "billing_period" TEXT, "version" INTEGER NOT NULL);
