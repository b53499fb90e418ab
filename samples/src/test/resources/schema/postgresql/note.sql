DROP TABLE IF EXISTS "note";
CREATE TABLE "note" (
  "id" bigint PRIMARY KEY,
  "version" integer NOT NULL,
  "text" text
);
