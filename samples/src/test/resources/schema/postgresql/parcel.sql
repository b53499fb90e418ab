-- A composite primary key of a text and a number; the version is a TRIGGER version.
DROP TABLE IF EXISTS "parcel";
DROP FUNCTION IF EXISTS "optilock_parcel_version"();
CREATE TABLE "parcel" (
  "carrier" text NOT NULL,
  "tracking_no" bigint NOT NULL,
  "status" text,
  "version" bigint NOT NULL,
  PRIMARY KEY ("carrier", "tracking_no")
);
