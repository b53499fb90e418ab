DROP TABLE IF EXISTS "priced_item";
CREATE TABLE "priced_item" ("id" BIGINT PRIMARY KEY, "note" TEXT, "price" TEXT, "version" BIGINT NOT NULL);
