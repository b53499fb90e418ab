-- A composite primary key of three columns of three types (text, date, integer).
DROP TABLE IF EXISTS "booking";
CREATE TABLE "booking" (
  "room" text NOT NULL,
  "day" date NOT NULL,
  "slot" integer NOT NULL,
  "guest" text,
  "version" integer NOT NULL,
  PRIMARY KEY ("room", "day", "slot")
);
