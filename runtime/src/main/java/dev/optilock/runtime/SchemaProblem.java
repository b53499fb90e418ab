package dev.optilock.runtime;

import java.util.Objects;

/**
 * One mismatch between an entity and its table, found by {@link Schema#verify(javax.sql.DataSource)}
 * or a repository's {@code verifySchema()}.
 *
 * @param entity the entity's qualified class name
 * @param table the table, {@code schema.table} when the entity names a schema
 * @param column the column concerned, or null when the problem is the table's (missing table,
 *     primary key, trigger)
 * @param problem what is wrong, and what it would do
 * @param fix how to repair it: usually the SQL statement
 */
public record SchemaProblem(String entity, String table, String column, String problem, String fix) {

  public SchemaProblem {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * One line for a log: {@code Article (article.version): <problem>. Fix: <fix>}, with the entity's
   * simple name.
   */
  @Override
  public String toString() {
    return where() + ": " + problem + ". Fix: " + fix;
  }

  /** {@code Article (article.version)}. */
  String where() {
    return entity.substring(entity.lastIndexOf('.') + 1) + " (" + table
        + (column == null ? "" : "." + column) + ")";
  }
}
