DROP TABLE IF EXISTS "account";
CREATE TABLE "account" ("id" INTEGER PRIMARY KEY, "owner" TEXT, "active" TEXT, "version" INTEGER NOT NULL);
