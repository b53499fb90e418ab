package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A text key in a case-insensitive column (MariaDB's default collation, SQLite's {@code NOCASE},
 * a PostgreSQL ICU collation that ignores case): for the database, {@code "abc"} and {@code "ABC"}
 * are the same row, for Java's {@code equals} they are not.
 */
public record Tag(@Id String name, String label, @VersionField long version) {
  public Tag withLabel(String newLabel) {
    return new Tag(name, newLabel, version);
  }

  /** The same entity, its key spelt {@code spelling} (the same row for the database). */
  public Tag spelt(String spelling) {
    return new Tag(spelling, label, version);
  }
}
