DROP TABLE IF EXISTS "shipment";
CREATE TABLE "shipment" ("id" BIGINT PRIMARY KEY, "customer" UUID, "priority" TEXT, "version" BIGINT NOT NULL);
