package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Triggers;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Issue 12, item 10: a {@code triggers.list} on the class path whose names are not identifiers is
 * refused, naming the file and line, before any DDL runs: the trigger of the good line before it is
 * not installed either, and the table the hostile name tries to drop is still there.
 */
class HostileTriggerListTest {

  /** Runs {@code body} with a class path whose only triggers.list is {@code list}. */
  private static <T> T withTriggersList(String list, Supplier<T> body) {
    try {
      Path dir = Files.createTempDirectory("optilock-triggers");
      Path file = dir.resolve(Triggers.RESOURCE);
      Files.createDirectories(file.getParent());
      Files.writeString(file, list, StandardCharsets.UTF_8);
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
        thread.setContextClassLoader(loader);
        return body.get();
      } finally {
        thread.setContextClassLoader(before);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String HOSTILE = "dev.optilock.samples.strategies.Counter\tcounter\tid\tversion"
      + "\toptilock_counter_version\n"
      + "com.example.Evil\tcounter\" ON x; DROP TABLE counter; --\tid\tversion\toptilock_evil\n";

  /** The triggers on the counter table, read from the catalog. */
  private static int triggers(DataSource dataSource, TestDatabase db) throws SQLException {
    String sql = switch (db) {
      case SQLITE -> "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'counter'";
      case POSTGRESQL -> "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE NOT t.tgisinternal AND n.nspname = current_schema() AND c.relname = 'counter'";
      case MARIADB -> "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
          + " AND EVENT_OBJECT_TABLE = 'counter'";
    };
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @EveryDatabase
  void createRefusesTheWholeListBeforeAnyDdl(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.dropTriggers();
    assertEquals(0, triggers(dataSource, db));

    IllegalArgumentException e = withTriggersList(HOSTILE,
        () -> assertThrows(IllegalArgumentException.class, () -> Triggers.create(dataSource)));
    assertTrue(e.getMessage().contains(Triggers.RESOURCE + ", line 2: trigger definition optilock_evil"
        + " of com.example.Evil: the table \"counter\\\" ON x; DROP TABLE counter; --\" is not a valid"
        + " SQL identifier"), e.getMessage());
    assertEquals(0, triggers(dataSource, db), "no trigger was installed, not even the good one");
    assertEquals(List.of(), counters.findAll(), "the counter table is still there");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theCommandLineReportsTheBadLineAndExitsWithTwo(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    new CounterRepository(dataSource).dropTriggers();
    List<String> args = new ArrayList<>(List.of("create"));
    args.addAll(db.commandLineConnection());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = withTriggersList(HOSTILE, () -> Triggers.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, errors);
    assertTrue(errors.startsWith("error: "), errors);
    assertTrue(errors.contains("line 2: trigger definition optilock_evil"), errors);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(0, triggers(dataSource, db));
  }
}
