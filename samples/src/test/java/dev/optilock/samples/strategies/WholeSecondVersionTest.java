package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.SchemaMismatchException;
import dev.optilock.runtime.SchemaProblem;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TIMESTAMP version in a column that keeps whole seconds (MariaDB {@code DATETIME} without
 * {@code (6)}, PostgreSQL {@code timestamptz(0)}): two writers holding the same version must never
 * both succeed.
 */
class WholeSecondVersionTest {

  private static String wholeSecondTable(TestDatabase db) {
    return switch (db) {
      case POSTGRESQL -> "CREATE TABLE \"stamped_instant\" (\"id\" BIGINT PRIMARY KEY,"
          + " \"title\" TEXT, \"version\" TIMESTAMPTZ(0) NOT NULL)";
      case MARIADB -> "CREATE TABLE `stamped_instant` (`id` BIGINT PRIMARY KEY, `title` TEXT,"
          + " `version` DATETIME NOT NULL)";
      case SQLITE -> "CREATE TABLE \"stamped_instant\" (\"id\" INTEGER PRIMARY KEY,"
          + " \"title\" TEXT, \"version\" DATETIME NOT NULL)";
    };
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Row 1 as an independent oracle sees it: plain JDBC, not the repository under test. */
  private static String storedTitle(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT title FROM stamped_instant WHERE id = 1")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static boolean succeeds(Runnable write) {
    try {
      write.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The row holds a whole-second version (a day ahead, so that every next version, {@code
   * previous + 1 µs}, falls into the same second). Alice and Bob read it; Alice saves; Bob still
   * holds the version Alice replaced, so his save must not succeed. Before the check existed both
   * succeeded and Bob's save overwrote Alice's; now the first write is refused, naming the column
   * and the fix, and nothing is written.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void twoWritersOfOneVersionNeverBothSucceed(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("whole_second", 2)) {
      execute(pool, wholeSecondTable(db));
      Instant version = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      try (Connection connection = pool.getConnection();
          PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO stamped_instant (id, title, version) VALUES (1, 'original', ?)")) {
        Dialect.of(connection).setInstant(insert, 1, version);
        insert.executeUpdate();
      }
      StampedInstantRepository repository = new StampedInstantRepository(pool);
      StampedInstant alice = repository.findById(1).orElseThrow();
      StampedInstant bob = repository.findById(1).orElseThrow();
      assertEquals(version, bob.version());

      boolean aliceSaved = succeeds(() -> repository.update(alice.withTitle("alice")));
      boolean bobSaved = succeeds(() -> repository.update(bob.withTitle("bob")));

      assertFalse(aliceSaved && bobSaved, "both writers of version " + version
          + " succeeded; the row now says '" + storedTitle(pool) + "': Alice's update is lost");
      // The column is refused before anything is written, on every path that writes a version.
      SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
          () -> repository.update(alice.withTitle("alice")));
      assertEquals(List.of(new SchemaProblem(StampedInstant.class.getName(), "stamped_instant",
          "version", wholeSecondProblem(db), wholeSecondFix(db))), refused.report().problems());
      assertEquals("StampedInstant's version column cannot keep its versions, so nothing was"
          + " written: 1 problem:\n- StampedInstant (stamped_instant.version): "
          + wholeSecondProblem(db) + "\n  Fix: " + wholeSecondFix(db), refused.getMessage());
      assertThrows(SchemaMismatchException.class, () -> repository.tryUpdate(bob.withTitle("bob")));
      assertThrows(SchemaMismatchException.class,
          () -> repository.updateUnchecked(bob.withTitle("bob")));
      assertThrows(SchemaMismatchException.class,
          () -> repository.updateAll(List.of(bob.withTitle("bob")), ConflictPolicy.ABORT_ALL));
      assertThrows(SchemaMismatchException.class,
          () -> repository.insert(new StampedInstant(2, "new", null)));
      assertEquals("original", storedTitle(pool));
      assertEquals(1, rows(pool));
    }
  }

  private static String wholeSecondProblem(TestDatabase db) {
    return "is " + (db == TestDatabase.POSTGRESQL ? "timestamptz(0)" : "datetime")
        + ", which keeps 0 fraction digits (whole seconds), but TIMESTAMP versions need 6"
        + " (microseconds): the versions of updates within one second are stored alike, so a"
        + " writer still holding the replaced version matches and overwrites the other writer's"
        + " update";
  }

  private static String wholeSecondFix(TestDatabase db) {
    return db == TestDatabase.POSTGRESQL
        ? "ALTER TABLE \"stamped_instant\" ALTER COLUMN \"version\" TYPE TIMESTAMPTZ(6)"
        : "ALTER TABLE `stamped_instant` MODIFY `version` DATETIME(6) NOT NULL";
  }

  private static int rows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM stamped_instant")) {
      row.next();
      return row.getInt(1);
    }
  }

  /**
   * The fix the message gives works at once: the check of a column that did not fit is repeated
   * on the next write, so no restart is needed, and then compare-and-set protects as usual.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void theFixTakesEffectWithoutARestart(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("whole_second_fixed", 2)) {
      execute(pool, wholeSecondTable(db));
      StampedInstantRepository repository = new StampedInstantRepository(pool);
      assertThrows(SchemaMismatchException.class,
          () -> repository.insert(new StampedInstant(1, "original", null)));
      assertEquals(0, rows(pool));
      execute(pool, wholeSecondFix(db));

      StampedInstant stored = repository.insert(new StampedInstant(1, "original", null));
      StampedInstant alice = repository.findById(1).orElseThrow();
      StampedInstant bob = repository.findById(1).orElseThrow();
      assertEquals(stored, alice);
      repository.update(alice.withTitle("alice"));
      assertThrows(RecordModifiedException.class, () -> repository.update(bob.withTitle("bob")));
      assertEquals("alice", storedTitle(pool));
    }
  }

  /**
   * A TIMESTAMP version on a {@code long} (microseconds) needs a 64-bit column: in an {@code
   * integer} column it is refused before the first write, like a whole-second column.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void microsecondsInAnIntegerColumnAreRefusedBeforeWriting(TestDatabase db) throws SQLException {
    try (HikariDataSource pool = db.isolatedPool("micros_in_int", 2)) {
      execute(pool, db == TestDatabase.POSTGRESQL
          ? "CREATE TABLE \"stamped_micros\" (\"id\" BIGINT PRIMARY KEY, \"title\" TEXT,"
              + " \"version\" INTEGER NOT NULL)"
          : "CREATE TABLE `stamped_micros` (`id` BIGINT PRIMARY KEY, `title` TEXT,"
              + " `version` INT NOT NULL)");
      StampedMicrosRepository repository = new StampedMicrosRepository(pool);
      SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
          () -> repository.insert(new StampedMicros(1, "a", 0)));
      assertEquals("version", refused.report().problems().get(0).column());
      assertTrue(refused.getMessage().contains("has 32 bits, too narrow for long values (64 bits)"),
          refused.getMessage());
    }
  }

  /**
   * SQLite keeps the version's text whatever type the column declares: {@code DATETIME} has
   * NUMERIC affinity, which leaves text that does not look like a number as it is. So nothing is
   * refused, every microsecond is stored, and a stale writer is refused as usual.
   */
  @Test
  void sqliteKeepsEveryDigitWhateverTheDeclaredType() throws SQLException {
    try (HikariDataSource pool = TestDatabase.SQLITE.isolatedPool("whole_second", 2)) {
      execute(pool, wholeSecondTable(TestDatabase.SQLITE));
      StampedInstantRepository repository = new StampedInstantRepository(pool);
      StampedInstant alice = repository.insert(new StampedInstant(1, "original", null));
      StampedInstant bob = repository.findById(1).orElseThrow();
      assertEquals(alice, bob);
      StampedInstant saved = repository.update(alice.withTitle("alice"));
      assertThrows(RecordModifiedException.class, () -> repository.update(bob.withTitle("bob")));
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery(
              "SELECT version, typeof(version), title FROM stamped_instant WHERE id = 1")) {
        assertTrue(row.next());
        assertEquals(saved.version(), Instant.parse(row.getString(1)));
        assertEquals("text", row.getString(2));
        assertEquals("alice", row.getString(3));
      }
      assertTrue(repository.verifySchema().isValid(), repository.verifySchema().toString());
    }
  }

  /**
   * Statements prepared on the connections of {@code dataSource}, counted by a thin wrapper around
   * the real pool (test code only; every call goes through to the database).
   */
  private static DataSource counting(DataSource dataSource, AtomicInteger statements) {
    InvocationHandler connections = (proxy, method, args) -> {
      switch (method.getName()) {
        // a DataSource of its own, with a Database of its own (not the pool's)
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "getConnection" -> {}
        default -> {
          return method.invoke(dataSource, args);
        }
      }
      Connection connection = (Connection) method.invoke(dataSource, args);
      return Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")) {
              statements.incrementAndGet();
            }
            try {
              return m.invoke(connection, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    };
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          try {
            return connections.invoke(proxy, method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * What the check costs: on PostgreSQL and MariaDB one catalog query, at the first write of the
   * entity on a DataSource (shared by every repository built on it); after that each write is the
   * one statement it always was. On SQLite there is nothing to check.
   */
  @EveryDatabase
  void theCheckCostsOneQueryOnceAndNothingAfter(TestDatabase db) {
    AtomicInteger statements = new AtomicInteger();
    DataSource dataSource = counting(db.fresh("stamped_instant"), statements);
    StampedInstant first = new StampedInstantRepository(dataSource)
        .insert(new StampedInstant(1, "a", null));
    assertEquals(db == TestDatabase.SQLITE ? 1 : 2, statements.getAndSet(0), "the first insert");
    StampedInstant second = new StampedInstantRepository(dataSource).update(first.withTitle("b"));
    assertEquals(1, statements.getAndSet(0), "an update, by another repository on the same pool");
    new StampedInstantRepository(dataSource).update(second.withTitle("c"));
    assertEquals(1, statements.getAndSet(0), "and another");
  }
}
