CREATE OR REPLACE FUNCTION "optilock_counter_version"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."version" := OLD."version" + 1; RETURN NEW; END $$;
DROP TRIGGER IF EXISTS "optilock_counter_version" ON "counter";
CREATE TRIGGER "optilock_counter_version" BEFORE UPDATE ON "counter" FOR EACH ROW EXECUTE FUNCTION "optilock_counter_version"();
