DROP TABLE IF EXISTS "counter";
DROP FUNCTION IF EXISTS "optilock_counter_version"();
CREATE TABLE "counter" ("id" BIGINT PRIMARY KEY, "label" TEXT, "hits" BIGINT NOT NULL, "version" BIGINT NOT NULL);
