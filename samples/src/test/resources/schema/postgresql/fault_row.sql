DROP TABLE IF EXISTS "fault_row";
CREATE TABLE "fault_row" ("id" BIGINT PRIMARY KEY, "amount" BIGINT NOT NULL, "note" TEXT, "version" BIGINT NOT NULL);
