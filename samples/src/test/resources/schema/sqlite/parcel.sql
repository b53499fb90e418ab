-- A composite primary key of a text and a number; the version is a TRIGGER version.
DROP TABLE IF EXISTS "parcel";
CREATE TABLE "parcel" (
  "carrier" TEXT NOT NULL,
  "tracking_no" INTEGER NOT NULL,
  "status" TEXT,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("carrier", "tracking_no")
);
