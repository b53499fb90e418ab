-- Every supported column type, as optilock stores it on PostgreSQL (see Dialect.POSTGRESQL):
-- byte and short are smallint, char is char(1), decimals an unconstrained numeric (which keeps the
-- scale of the value written), UUIDs the native uuid, enums their name as text, LocalDateTime a
-- timestamp and Instant and OffsetDateTime a timestamptz (stored as an instant: the offset is not
-- kept, values come back in UTC). Timestamps keep microseconds.
DROP TABLE IF EXISTS "everything";
CREATE TABLE "everything" (
  "id" text PRIMARY KEY,
  "version" bigint NOT NULL,
  "label" text,
  "flag" boolean NOT NULL,
  "tiny" smallint NOT NULL,
  "small" smallint NOT NULL,
  "medium" integer NOT NULL,
  "large" bigint NOT NULL,
  "single" real NOT NULL,
  "dbl" double precision NOT NULL,
  "letter" char(1) NOT NULL,
  "boxed_flag" boolean,
  "boxed_tiny" smallint,
  "boxed_small" smallint,
  "boxed_medium" integer,
  "boxed_large" bigint,
  "boxed_single" real,
  "boxed_dbl" double precision,
  "boxed_letter" char(1),
  "amount" numeric,
  "payload" bytea,
  "token" uuid,
  "status" text,
  "day" date,
  "stamp" timestamp,
  "moment" timestamptz,
  "zoned" timestamptz
);
