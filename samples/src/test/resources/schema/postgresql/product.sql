DROP TABLE IF EXISTS "product";
CREATE TABLE "product" ("id" BIGINT PRIMARY KEY, "name" TEXT, "price" TEXT, "version" BIGINT NOT NULL);
