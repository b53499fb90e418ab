package dev.optilock.samples.schema;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import java.time.Instant;

/**
 * An entity whose table lives in a named schema (a PostgreSQL schema, a MariaDB database, an
 * attached SQLite database), for SchemaVerificationTest. Only that test creates the schema, and
 * drops it again.
 */
@Table(value = "shelf", schema = "optilock_verify")
public record Shelf(@Id long id, String label, @VersionField Instant version) {}
