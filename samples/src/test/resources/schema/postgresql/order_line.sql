-- A composite primary key: the order, and the line's number within it.
DROP TABLE IF EXISTS "order_line";
CREATE TABLE "order_line" (
  "order_id" bigint NOT NULL,
  "line_no" integer NOT NULL,
  "product" text,
  "quantity" integer NOT NULL,
  "version" bigint NOT NULL,
  PRIMARY KEY ("order_id", "line_no")
);
