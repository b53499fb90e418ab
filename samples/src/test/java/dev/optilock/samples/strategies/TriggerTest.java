package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.runtime.Triggers;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** TRIGGER versions: the database moves the version, for the application and everybody else. */
class TriggerTest {

  /** Another client: plain JDBC, as psql or a database browser would do it. */
  private static int externally(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  private static long storedVersion(DataSource dataSource, long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM counter WHERE id = " + id)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  @EveryDatabase
  void theDatabaseMovesTheVersionAndTheRepositoryReadsItBack(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter v1 = counters.insert(new Counter(1, "clicks", 0, 0));
    assertEquals(1, v1.version());
    Counter v2 = counters.update(v1.withLabel("clicks!"));
    assertEquals(2, v2.version());
    assertEquals(2, storedVersion(dataSource, 1));
    assertEquals(Optional.of(v2), counters.findById(1));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anUpdateFromAnotherClientMovesTheVersionSoAStaleApplicationUpdateFails(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter loaded = counters.insert(new Counter(1, "clicks", 0, 0));

    // (sqlite-jdbc counts the trigger's own UPDATE in the update count, so this is 1 or 2)
    assertTrue(externally(dataSource, "UPDATE counter SET hits = hits + 5 WHERE id = 1") >= 1);
    assertEquals(2, storedVersion(dataSource, 1));

    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> counters.update(loaded.withLabel("mine")));
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(5, e.current(Counter.class).orElseThrow().hits());
    assertEquals("clicks", counters.findById(1).orElseThrow().label());
  }

  @EveryDatabase
  void aRawInsertKeepsTheVersionItSupplies(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    externally(dataSource, "INSERT INTO counter (id, label, hits, version) VALUES (7, 'x', 0, 7)");
    assertEquals(7, counters.findById(7).orElseThrow().version());
    assertEquals(8, counters.update(counters.findById(7).orElseThrow().withLabel("y")).version());
  }

  @EveryDatabase
  void insideATransactionTheReadBackVersionIsThisUpdates(TestDatabase db) {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter v1 = counters.insert(new Counter(1, "a", 0, 0));
    Counter v3 =
        Transactions.call(
            dataSource, () -> counters.update(counters.update(v1.withLabel("b")).withLabel("c")));
    assertEquals(3, v3.version());
    assertEquals(Optional.of(v3), counters.findById(1));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void createIsIdempotentAndListVerifyAndDropDoWhatTheySay(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    assertEquals(
        List.of(CounterRepository.TRIGGER), Triggers.verify(dataSource, CounterRepository.TRIGGER));

    counters.createTriggers();
    counters.createTriggers();
    assertEquals(List.of(), Triggers.verify(dataSource, CounterRepository.TRIGGER));
    assertTrue(
        Triggers.declared().contains(CounterRepository.TRIGGER), Triggers.declared().toString());
    Triggers.Status status =
        Triggers.list(dataSource).stream()
            .filter(s -> s.name().equals("optilock_counter_version"))
            .findFirst()
            .orElseThrow();
    assertEquals(new Triggers.Status("optilock_counter_version", "counter", true, true), status);

    Counter v1 = counters.insert(new Counter(1, "a", 0, 0));
    assertEquals(2, counters.update(v1.withLabel("b")).version());

    counters.dropTriggers();
    counters.dropTriggers();
    assertEquals(
        List.of(CounterRepository.TRIGGER), Triggers.verify(dataSource, CounterRepository.TRIGGER));
    externally(dataSource, "UPDATE counter SET hits = 1 WHERE id = 1");
    assertEquals(2, storedVersion(dataSource, 1), "without the trigger nothing moves the version");
    if (db == TestDatabase.POSTGRESQL) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                      + " WHERE p.proname = 'optilock_counter_version'"
                      + " AND n.nspname = current_schema()")) {
        rows.next();
        assertEquals(0, rows.getInt(1), "dropTriggers removes the function too");
      }
    }
  }

  @EveryDatabase
  void withoutItsTriggerAnUpdateIsRolledBackInsteadOfSilentlyUnprotected(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    Counter v1 = counters.insert(new Counter(1, "a", 0, 0));
    DataAccessException e =
        assertThrows(DataAccessException.class, () -> counters.update(v1.withLabel("b")));
    assertTrue(e.getMessage().contains("optilock_counter_version"), e.getMessage());
    assertTrue(e.getMessage().contains("createTriggers()"), e.getMessage());
    assertEquals("a", counters.findById(1).orElseThrow().label(), "the update was rolled back");
    assertEquals(1, storedVersion(dataSource, 1));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aTriggerDroppedAfterTheFirstWriteRollsTheNextUpdateBack(TestDatabase db) throws SQLException {
    // The repository has seen its trigger work; then it is dropped behind its back. The next update
    // finds the version unmoved: it must fail and leave nothing written, also where the UPDATE
    // reads the row back with RETURNING (PostgreSQL), which only a transaction around it can undo.
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter v1 = counters.insert(new Counter(1, "a", 0, 0));
    Counter v2 = counters.update(v1.withLabel("b"));
    assertEquals(2, v2.version());
    counters.dropTriggers();

    assertThrows(DataAccessException.class, () -> counters.update(v2.withLabel("c")));
    assertEquals("b", counters.findById(1).orElseThrow().label(), "the update was rolled back");
    assertEquals(2, storedVersion(dataSource, 1));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theCommandLineCreatesListsVerifiesAndDrops(TestDatabase db) {
    // the command line acts on every TRIGGER entity on the class path: Counter and Parcel
    db.fresh("counter", "parcel");
    List<String> connection = db.commandLineConnection();

    Result verify = cli(connection, "verify");
    assertEquals(1, verify.code, verify.out + verify.err);
    assertTrue(verify.out.contains("MISSING optilock_counter_version on counter"), verify.out);

    Result create = cli(connection, "create");
    assertEquals(0, create.code, create.err);
    Result list = cli(connection, "list");
    assertTrue(list.out.contains("optilock_counter_version\tcounter\tinstalled"), list.out);
    Result verified = cli(connection, "verify");
    assertEquals(0, verified.code, verified.out);

    Result drop = cli(connection, "drop");
    assertEquals(0, drop.code, drop.err);
    assertEquals(1, cli(connection, "verify").code);
  }

  @EveryDatabase
  void theCommandLineExplainsBadUsage(TestDatabase db) {
    Result none = cli(List.of());
    assertEquals(2, none.code);
    assertTrue(
        none.err.contains("usage: java -cp <app class path> dev.optilock.runtime.Triggers"),
        none.err);
    Result noUrl = cli(List.of(), "verify");
    assertEquals(2, noUrl.code);
    assertTrue(noUrl.err.contains("--url is required"), noUrl.err);
    Result unknown = cli(db.commandLineConnection(), "explode");
    assertEquals(2, unknown.code);
    assertFalse(unknown.err.isEmpty());
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(List<String> connection, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(connection);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Triggers.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
