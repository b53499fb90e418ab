DROP TABLE IF EXISTS "voucher";
CREATE TABLE "voucher" ("id" BIGINT PRIMARY KEY, "note" TEXT, "token" UUID NOT NULL);
