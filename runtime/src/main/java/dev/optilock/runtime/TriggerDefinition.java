package dev.optilock.runtime;

import java.util.Objects;

/**
 * The database trigger that maintains the version of one entity with {@code
 * VersionStrategy.TRIGGER}. The processor writes one per such entity into its repository and into
 * {@code META-INF/optilock/triggers.list}, so that {@link Triggers} can find them all without
 * scanning the class path.
 *
 * @param entity the entity's qualified class name
 * @param table the table
 * @param idColumn the key column; for a composite key, the key columns separated by commas
 * @param versionColumn the version column the trigger increments
 * @param name the trigger's name (on PostgreSQL also its function's)
 */
public record TriggerDefinition(
    String entity, String table, String idColumn, String versionColumn, String name) {

  public TriggerDefinition {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(idColumn, "idColumn");
    Objects.requireNonNull(versionColumn, "versionColumn");
    Objects.requireNonNull(name, "name");
  }

  /** One line of {@code triggers.list}: the five fields separated by tabs. */
  String toLine() {
    return String.join("\t", entity, table, idColumn, versionColumn, name);
  }

  static TriggerDefinition parse(String line) {
    String[] parts = line.split("\t");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a trigger definition: " + line);
    }
    return new TriggerDefinition(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }
}
