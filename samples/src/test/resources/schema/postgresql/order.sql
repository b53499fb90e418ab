-- Reserved words as table and column names: they only work quoted.
DROP TABLE IF EXISTS "order";
CREATE TABLE "order" (
  "id" bigint PRIMARY KEY,
  "user" text,
  "select" text,
  "group" text,
  "key" bigint NOT NULL
);
