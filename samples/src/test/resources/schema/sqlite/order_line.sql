-- A composite primary key: the order, and the line's number within it.
DROP TABLE IF EXISTS "order_line";
CREATE TABLE "order_line" (
  "order_id" INTEGER NOT NULL,
  "line_no" INTEGER NOT NULL,
  "product" TEXT,
  "quantity" INTEGER NOT NULL,
  "version" INTEGER NOT NULL,
  PRIMARY KEY ("order_id", "line_no")
);
