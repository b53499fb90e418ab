DROP TABLE IF EXISTS "document";
CREATE TABLE "document" (
  "id" uuid PRIMARY KEY,
  "version" integer NOT NULL,
  "title" text,
  "created_at" timestamptz
);
