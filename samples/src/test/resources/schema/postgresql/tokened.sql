DROP TABLE IF EXISTS "tokened";
CREATE TABLE "tokened" ("id" BIGINT PRIMARY KEY, "title" TEXT, "version" UUID NOT NULL);
