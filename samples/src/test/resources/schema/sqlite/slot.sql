DROP TABLE IF EXISTS "slot";
CREATE TABLE "slot" (
  "aisle" TEXT COLLATE NOCASE NOT NULL,
  "position" INTEGER NOT NULL,
  "item" TEXT,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("aisle", "position")
);
