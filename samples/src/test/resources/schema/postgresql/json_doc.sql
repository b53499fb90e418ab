DROP TABLE IF EXISTS "json_doc";
CREATE TABLE "json_doc" (
  "id" BIGINT PRIMARY KEY,
  "body" JSONB NOT NULL,
  "version" BIGINT NOT NULL
);
