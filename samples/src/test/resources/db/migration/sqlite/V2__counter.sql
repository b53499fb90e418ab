CREATE TABLE "counter" (
  "id" INTEGER NOT NULL,
  "label" TEXT,
  "hits" INTEGER NOT NULL,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("id")
);
