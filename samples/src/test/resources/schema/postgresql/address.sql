-- A table for the record com.example.crm.Address (samples-legacy), made versioned with
-- @VersionedType: a composite key (customer_id, label) and a version column only the table has.
DROP TABLE IF EXISTS "address";
CREATE TABLE "address" (
  "customer_id" BIGINT NOT NULL,
  "label" TEXT NOT NULL,
  "street" TEXT,
  "city" TEXT,
  "version" BIGINT NOT NULL,
  PRIMARY KEY ("customer_id", "label")
);
