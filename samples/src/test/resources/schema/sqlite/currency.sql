DROP TABLE IF EXISTS "currency";
CREATE TABLE "currency" ("code" TEXT PRIMARY KEY NOT NULL, "name" TEXT, "version" INTEGER NOT NULL);
