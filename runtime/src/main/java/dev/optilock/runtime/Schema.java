package dev.optilock.runtime;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Checks that the database's tables match the entities, before they are used: every table and
 * mapped column exists, each column's type holds the field's values exactly, primitives and
 * versions have NOT NULL columns, the primary key is the entity's key, a version column can hold
 * every version (integer width, the microseconds of a TIMESTAMP version, the 36 characters of a
 * UUID), and a TRIGGER entity's trigger is installed. {@code docs/schema.md} lists every rule per
 * database.
 *
 * <pre>{@code
 * // at start-up, before serving requests:
 * Schema.verify(dataSource).throwIfInvalid();
 * }</pre>
 *
 * <p>Each repository checks its own table with {@code verifySchema()}. {@link #verify(DataSource)}
 * checks every entity on the class path: the processor lists them, with their columns, in {@code
 * META-INF/optilock/entities.list} of each jar, and this class reads those lists (no class is
 * loaded, nothing is scanned). The checks read the catalog only ({@code information_schema},
 * {@code pg_catalog}, SQLite's {@code pragma_table_xinfo}) and never fail for a missing table, so
 * they are safe inside a transaction.
 *
 * <p>Also a command line, for CI or a deployment step: {@code java -cp <app class path>
 * dev.optilock.runtime.Schema verify --url <jdbc url> [--user U] [--password P]} prints the report
 * and exits with 0 when every table matches, 1 when any does not, and 2 on bad usage or when the
 * database cannot be read.
 */
public final class Schema {
  /** Where the processor lists the entities of each compilation, one per line. */
  public static final String RESOURCE = "META-INF/optilock/entities.list";

  private Schema() {}

  /**
   * Every entity listed by the {@value #RESOURCE} files that the thread's context class loader
   * finds, in class-path order.
   */
  public static List<EntitySchema> declared() {
    return declared(ClassPathLists.defaultLoader());
  }

  /** Every entity listed by the {@value #RESOURCE} files that {@code loader} finds. */
  public static List<EntitySchema> declared(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    Map<String, EntitySchema> entities = new LinkedHashMap<>();
    for (EntitySchema entity : ClassPathLists.parse(loader, RESOURCE, EntitySchema::parse)) {
      entities.putIfAbsent(entity.repository(), entity);
    }
    return List.copyOf(entities.values());
  }

  /**
   * Compares every entity on the class path ({@link #declared()}) with its table.
   *
   * @return every mismatch; {@link SchemaReport#isValid()} when there is none
   * @throws IllegalStateException when the class path lists no entity at all (no {@value
   *     #RESOURCE}: the application's classes are missing), rather than report nothing as valid
   * @throws DataAccessException when the catalog cannot be read
   */
  public static SchemaReport verify(DataSource dataSource) {
    return verify(dataSource, ClassPathLists.defaultLoader());
  }

  /**
   * Compares every entity that {@code loader} finds listed ({@link #declared(ClassLoader)}) with its
   * table.
   *
   * @throws IllegalStateException when {@code loader} finds no entity at all
   */
  public static SchemaReport verify(DataSource dataSource, ClassLoader loader) {
    List<EntitySchema> entities = declared(loader);
    if (entities.isEmpty()) {
      throw new IllegalStateException("no entity is declared on the class path: no " + RESOURCE
          + " was found; the application's compiled entities (and the optilock processor at"
          + " their compilation) must be on the class path");
    }
    return verify(dataSource, entities.toArray(EntitySchema[]::new));
  }

  /**
   * Compares these entities with their tables, on one connection: a repository's {@code
   * verifySchema()} passes its {@code SCHEMA}.
   *
   * @throws DataAccessException when the catalog cannot be read
   */
  public static SchemaReport verify(DataSource dataSource, EntitySchema... entities) {
    Objects.requireNonNull(entities, "entities");
    Database database = Database.of(dataSource);
    List<String> names = new ArrayList<>();
    List<SchemaProblem> problems = new ArrayList<>();
    try (ConnectionLease lease = database.lease()) {
      boolean anyTrigger = false;
      for (EntitySchema entity : entities) {
        anyTrigger |= entity.trigger() != null;
      }
      Map<String, String> triggers = anyTrigger ? Triggers.installed(lease) : Map.of();
      for (EntitySchema entity : entities) {
        names.add(entity.entity());
        problems.addAll(SchemaCheck.table(lease.dialect(), entity,
            Catalog.read(lease, entity.schemaName(), entity.tableName()), triggers));
      }
    } catch (SQLException e) {
      throw database.failure("verifying the schema", e);
    }
    return new SchemaReport(names, problems);
  }

  /** The command line; see the class documentation. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * The command line's work, returning its exit code: 0 every table matches, 1 some do not, 2 bad
   * usage, no entity on the class path, or a database error.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line =
        CommandLine.parse(args, List.of("verify"), "dev.optilock.runtime.Schema", err);
    if (line == null) {
      return 2;
    }
    try {
      SchemaReport report = verify(line.dataSource());
      out.println(report);
      return report.isValid() ? 0 : 1;
    } catch (DataAccessException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
