DROP TABLE IF EXISTS "subscription";
CREATE TABLE "subscription" ("id" BIGINT PRIMARY KEY, "fee" TEXT, "billing_period" TEXT, "version" BIGINT NOT NULL);
