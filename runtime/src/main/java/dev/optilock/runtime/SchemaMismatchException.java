package dev.optilock.runtime;

/**
 * The database's tables do not match the entities: thrown by {@link SchemaReport#throwIfInvalid()},
 * and by a repository before it writes a TIMESTAMP version into a column that cannot keep it (see
 * {@link Database#checkVersionColumn(EntitySchema)}); then nothing was written. The message lists
 * every problem with its fix.
 */
public class SchemaMismatchException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final transient SchemaReport report;

  /** @param report a report with at least one problem */
  public SchemaMismatchException(SchemaReport report) {
    this(report, "the database schema does not match the entities");
  }

  SchemaMismatchException(SchemaReport report, String lead) {
    super(lead + ": " + report);
    this.report = report;
  }

  /** The report, with every problem. */
  public SchemaReport report() {
    return report;
  }
}
