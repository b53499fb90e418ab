DROP TABLE IF EXISTS "shipment";
CREATE TABLE "shipment" ("id" INTEGER PRIMARY KEY, "customer" TEXT, "priority" TEXT, "version" INTEGER NOT NULL);
