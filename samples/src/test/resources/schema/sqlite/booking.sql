-- A composite primary key of three columns of three types (text, date, integer).
DROP TABLE IF EXISTS "booking";
CREATE TABLE "booking" (
  "room" TEXT NOT NULL,
  "day" TEXT NOT NULL,
  "slot" INTEGER NOT NULL,
  "guest" TEXT,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("room", "day", "slot")
);
