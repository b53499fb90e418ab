DROP TABLE IF EXISTS "fault_row";
CREATE TABLE "fault_row" ("id" INTEGER PRIMARY KEY, "amount" INTEGER NOT NULL, "note" TEXT, "version" INTEGER NOT NULL);
