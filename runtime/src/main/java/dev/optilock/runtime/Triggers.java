package dev.optilock.runtime;

import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Installs, removes and checks the database triggers of entities with {@code
 * VersionStrategy.TRIGGER}.
 *
 * <p>The triggers increment the version on every UPDATE of the row, including updates made outside
 * the application (psql, the sqlite3 shell, a database browser), so that a stale application update
 * then fails its compare-and-set. INSERTs keep the version they supply.
 *
 * <ul>
 *   <li>PostgreSQL: a PL/pgSQL function and a {@code BEFORE UPDATE} trigger, both named after the
 *       trigger, setting {@code NEW.version := OLD.version + 1}.
 *   <li>MariaDB/MySQL: a {@code BEFORE UPDATE} trigger setting {@code NEW.version = OLD.version + 1}.
 *   <li>SQLite, which cannot assign {@code NEW}: an {@code AFTER UPDATE} trigger that sets the version
 *       to {@code OLD.version + 1} when the UPDATE left it unchanged (an UPDATE that sets the version
 *       itself keeps its value).
 * </ul>
 *
 * <p>Every entity the processor generated a TRIGGER repository for is listed in {@code
 * META-INF/optilock/triggers.list} of its jar; {@link #declared()} reads those files, so the methods
 * without explicit definitions cover the whole class path. DDL commits implicitly on MariaDB: run
 * these outside {@link Transactions}.
 *
 * <p>Also a command line: {@code java -cp <app class path> dev.optilock.runtime.Triggers
 * create|drop|list|verify --url <jdbc url> [--user U] [--password P]}; {@code verify} exits with 1
 * when a trigger is missing.
 */
public final class Triggers {
  /** Where the processor lists the TRIGGER entities of each compilation. */
  public static final String RESOURCE = "META-INF/optilock/triggers.list";

  private Triggers() {}

  /** A trigger found in the database or declared on the class path, and whether it is installed. */
  public record Status(String name, String table, boolean declared, boolean installed) {}

  /**
   * Every trigger declared by the class path's {@value #RESOURCE} files, in class-path order.
   *
   * @throws IllegalArgumentException when a line of such a file is not a valid {@link
   *     TriggerDefinition}; the message names the file and the line, and no trigger is returned
   */
  public static List<TriggerDefinition> declared() {
    Set<TriggerDefinition> definitions = new LinkedHashSet<>();
    definitions.addAll(
        ClassPathLists.parse(ClassPathLists.defaultLoader(), RESOURCE, TriggerDefinition::parse));
    return List.copyOf(definitions);
  }

  /** Installs every declared trigger; idempotent. */
  public static void create(DataSource dataSource) {
    create(dataSource, declared().toArray(TriggerDefinition[]::new));
  }

  /** Installs these triggers; idempotent. */
  public static void create(DataSource dataSource, TriggerDefinition... triggers) {
    run(dataSource, "creating triggers", triggers, Triggers::createStatements);
  }

  /** Removes every declared trigger (and on PostgreSQL its function); idempotent. */
  public static void drop(DataSource dataSource) {
    drop(dataSource, declared().toArray(TriggerDefinition[]::new));
  }

  /** Removes these triggers (and on PostgreSQL their functions); idempotent. */
  public static void drop(DataSource dataSource, TriggerDefinition... triggers) {
    run(dataSource, "dropping triggers", triggers, Triggers::dropStatements);
  }

  /**
   * Every declared trigger with whether it is installed, then every other optilock trigger
   * (named {@code optilock_...}) found in the database.
   */
  public static List<Status> list(DataSource dataSource) {
    Map<String, String> installed = installed(dataSource);
    List<Status> statuses = new ArrayList<>();
    for (TriggerDefinition trigger : declared()) {
      statuses.add(new Status(trigger.name(), trigger.table(), true,
          installed.remove(trigger.name().toLowerCase(Locale.ROOT)) != null));
    }
    installed.forEach((name, table) -> {
      if (name.startsWith("optilock_")) {
        statuses.add(new Status(name, table, false, true));
      }
    });
    return statuses;
  }

  /** The declared triggers that are missing from the database; empty when all are installed. */
  public static List<TriggerDefinition> verify(DataSource dataSource) {
    return verify(dataSource, declared().toArray(TriggerDefinition[]::new));
  }

  /** Those of {@code triggers} that are missing from the database. */
  public static List<TriggerDefinition> verify(DataSource dataSource, TriggerDefinition... triggers) {
    Map<String, String> installed = installed(dataSource);
    List<TriggerDefinition> missing = new ArrayList<>();
    for (TriggerDefinition trigger : triggers) {
      if (!isInstalled(installed, trigger)) {
        missing.add(trigger);
      }
    }
    return missing;
  }

  /** Whether {@code installed} (from {@link #installed(ConnectionLease)}) has {@code trigger}. */
  static boolean isInstalled(Map<String, String> installed, TriggerDefinition trigger) {
    String table = installed.get(trigger.name().toLowerCase(Locale.ROOT));
    return table != null && table.equalsIgnoreCase(trigger.table());
  }

  /**
   * The error for an update whose version did not move although the entity's version is
   * maintained by {@code trigger}: the trigger is not installed. The update is rolled back; without
   * the trigger, compare-and-set would protect nothing.
   */
  public static DataAccessException missing(TriggerDefinition trigger) {
    return new DataAccessException("the trigger " + trigger.name() + " that maintains "
        + trigger.table() + "." + trigger.versionColumn() + " is not installed, so the update was"
        + " rolled back: install it with the repository's createTriggers() or the command line"
        + " (java -cp <app class path> dev.optilock.runtime.Triggers create --url ...)");
  }

  /** The DDL that installs {@code trigger} on {@code dialect}, statement by statement. */
  public static List<String> createStatements(Dialect dialect, TriggerDefinition trigger) {
    char q = dialect.quote();
    String table = q + trigger.table() + q;
    String version = q + trigger.versionColumn() + q;
    String name = q + trigger.name() + q;
    return switch (dialect) {
      case POSTGRESQL -> List.of(
          "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " NEW." + version + " := OLD." + version + " + 1; RETURN NEW; END $$",
          "DROP TRIGGER IF EXISTS " + name + " ON " + table,
          "CREATE TRIGGER " + name + " BEFORE UPDATE ON " + table
              + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
      case MARIADB -> List.of(
          "DROP TRIGGER IF EXISTS " + name,
          "CREATE TRIGGER " + name + " BEFORE UPDATE ON " + table
              + " FOR EACH ROW SET NEW." + version + " = OLD." + version + " + 1");
      case SQLITE -> List.of(
          "CREATE TRIGGER IF NOT EXISTS " + name + " AFTER UPDATE ON " + table
              + " FOR EACH ROW WHEN NEW." + version + " IS OLD." + version
              + " BEGIN UPDATE " + table + " SET " + version + " = OLD." + version + " + 1"
              + " WHERE " + keyMatches(q, trigger) + "; END");
    };
  }

  /** {@code "id" IS NEW."id"}, one term per key column joined by AND. */
  private static String keyMatches(char q, TriggerDefinition trigger) {
    StringBuilder where = new StringBuilder();
    for (String column : trigger.idColumn().split(",")) {
      String id = q + column + q;
      where.append(where.length() == 0 ? "" : " AND ").append(id).append(" IS NEW.").append(id);
    }
    return where.toString();
  }

  /** The DDL that removes {@code trigger} from {@code dialect}. */
  public static List<String> dropStatements(Dialect dialect, TriggerDefinition trigger) {
    char q = dialect.quote();
    String name = q + trigger.name() + q;
    return switch (dialect) {
      case POSTGRESQL -> List.of(
          "DROP TRIGGER IF EXISTS " + name + " ON " + q + trigger.table() + q,
          "DROP FUNCTION IF EXISTS " + name + "()");
      case MARIADB, SQLITE -> List.of("DROP TRIGGER IF EXISTS " + name);
    };
  }

  private interface Ddl {
    List<String> statements(Dialect dialect, TriggerDefinition trigger);
  }

  private static void run(
      DataSource dataSource, String what, TriggerDefinition[] triggers, Ddl ddl) {
    Objects.requireNonNull(triggers, "triggers");
    Database database = Database.of(dataSource);
    try (ConnectionLease lease = database.lease();
        Statement statement = lease.connection().createStatement()) {
      for (TriggerDefinition trigger : triggers) {
        for (String sql : ddl.statements(lease.dialect(), trigger)) {
          statement.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException(what, e);
    }
  }

  /** Installed trigger names (lower case) and their tables, in the current schema/database. */
  private static Map<String, String> installed(DataSource dataSource) {
    Database database = Database.of(dataSource);
    try (ConnectionLease lease = database.lease()) {
      return installed(lease);
    } catch (SQLException e) {
      throw new DataAccessException("listing triggers", e);
    }
  }

  /** Installed trigger names (lower case) and their tables, read on the lease's connection. */
  static Map<String, String> installed(ConnectionLease lease) throws SQLException {
    try (PreparedStatement statement = lease.connection().prepareStatement(switch (lease.dialect()) {
          case POSTGRESQL -> "SELECT t.tgname, c.relname FROM pg_trigger t"
              + " JOIN pg_class c ON c.oid = t.tgrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE NOT t.tgisinternal AND n.nspname = current_schema()";
          case MARIADB -> "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
              + " WHERE TRIGGER_SCHEMA = DATABASE()";
          case SQLITE -> "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'";
        });
        ResultSet rows = statement.executeQuery()) {
      Map<String, String> installed = new LinkedHashMap<>();
      while (rows.next()) {
        installed.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
      }
      return installed;
    }
  }

  /** The command line; see the class documentation. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command line's work, returning its exit code: 0 done, 1 verify found gaps, 2 bad usage. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line = CommandLine.parse(args, List.of("create", "drop", "list", "verify"),
        "dev.optilock.runtime.Triggers", err);
    if (line == null) {
      return 2;
    }
    DataSource dataSource = line.dataSource();
    String command = line.command();
    try {
      switch (command) {
        case "create" -> {
          List<TriggerDefinition> all = declared();
          create(dataSource, all.toArray(TriggerDefinition[]::new));
          out.println("created " + all.size() + " trigger(s)");
        }
        case "drop" -> {
          List<TriggerDefinition> all = declared();
          drop(dataSource, all.toArray(TriggerDefinition[]::new));
          out.println("dropped " + all.size() + " trigger(s)");
        }
        case "list" -> {
          for (Status status : list(dataSource)) {
            out.println(status.name() + "\t" + status.table() + "\t"
                + (status.installed() ? "installed" : "MISSING")
                + (status.declared() ? "" : "\t(not declared by any entity on the class path)"));
          }
        }
        default -> {
          if (declared().isEmpty()) {
            err.println("error: no TRIGGER entity is declared on the class path (no " + RESOURCE
                + " was found): put the application's classes on -cp");
            return 2;
          }
          List<TriggerDefinition> missing = verify(dataSource);
          for (TriggerDefinition trigger : missing) {
            out.println("MISSING " + trigger.name() + " on " + trigger.table() + " for "
                + trigger.entity());
          }
          if (!missing.isEmpty()) {
            out.println(missing.size() + " trigger(s) missing; install them with the create command");
            return 1;
          }
          out.println("all " + declared().size() + " trigger(s) installed");
        }
      }
      return 0;
    } catch (DataAccessException | IllegalArgumentException e) {
      // an IllegalArgumentException is a bad triggers.list line, named with its file and line
      err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
