DROP TABLE IF EXISTS "invoice";
CREATE TABLE "invoice" ("id" BIGINT PRIMARY KEY, "version" BIGINT NOT NULL, "created_by" TEXT, "customer" TEXT);
