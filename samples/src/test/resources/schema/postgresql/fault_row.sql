DROP TABLE IF EXISTS "fault_row";
CREATE TABLE "fault_row" ("id" BIGINT PRIMARY KEY, "amount" BIGINT NOT NULL, "note" TEXT, "version" BIGINT NOT NULL);
CREATE OR REPLACE FUNCTION "fault_row_slow"() RETURNS trigger AS $$ BEGIN IF NEW."note" = 'sleep on update' THEN PERFORM pg_sleep(30); END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER "fault_row_slow_update" AFTER UPDATE ON "fault_row" FOR EACH ROW EXECUTE FUNCTION "fault_row_slow"();
