package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection dies under a repository call: PostgreSQL's {@code pg_terminate_backend} and
 * MariaDB's {@code KILL}, sent from another session, between the statements of a transaction, just
 * before its commit, while a statement waits for a row lock, and in the middle of {@code updateAll}
 * and {@code deleteAll}, inside and outside a caller's transaction.
 *
 * <p>Every time: the caller gets a {@link DataAccessException} (never a {@link
 * RecordModifiedException} or {@link BatchConflictException}: a dead connection is not a
 * conflict), nothing the call or its transaction wrote is committed (checked row by row), the same
 * pool serves the next calls, and its active connection count is back to zero.
 */
class ConnectionFaultTest {
  /** Enough rows that a batch stopped at {@link #STALL_AT} has written many rows before it. */
  static final int BATCH_ROWS = 400;
  static final long STALL_AT = 250;
  /** Rows 1..STALE were updated once more after the batch's copies were read. */
  static final long STALE = 10;
  static final int STALE_INDEX = (int) STALE;
  static final String POOL_NAME = "optilock-fault-" + ProcessHandle.current().pid();
  /** Plain updates killed at random moments, per database. */
  static final int KILL_ROUNDS = 40;

  private static final Map<TestDatabase, int[]> FAULTS = new EnumMap<>(TestDatabase.class);
  /** The SQLSTATEs the callers' DataAccessExceptions carried, per database. */
  private static final Map<TestDatabase, Set<String>> STATES = new EnumMap<>(TestDatabase.class);

  private HikariDataSource pool;
  private TestDatabase db;

  private FaultRowRepository open(TestDatabase database) {
    db = database;
    database.fresh("fault_row");
    pool = database.newPool(POOL_NAME, 4);
    return new FaultRowRepository(pool);
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @AfterAll
  static void report() {
    FAULTS.forEach((database, counts) -> Figures.report("faults-" + database.name().toLowerCase(
            Locale.ROOT),
        String.format("faults %s: faultsInjected=%d dataAccessExceptions=%d falseConflicts=%d"
                + " partialCommits=%d leakedConnections=%d recoveredPools=%d sqlStates=%s",
            database, counts[0], counts[1], counts[3], counts[4], counts[5], counts[2],
            STATES.get(database))));
  }

  // ---- transactions ----

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void killedBetweenTheStatementsOfATransaction(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insert(rows, 3);
    DataAccessException failure = expectFailure(() ->
        Transactions.run(pool, () -> {
          rows.update(before.get(0).with(100, "in transaction"));
          kill(sessionOfThisThreadsTransaction());
          rows.update(before.get(1).with(200, "in transaction"));
        }));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void killedJustBeforeTheCommit(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insert(rows, 3);
    DataAccessException failure = expectFailure(() ->
        Transactions.run(pool, () -> {
          rows.update(before.get(0).with(100, "in transaction"));
          rows.update(before.get(1).with(200, "in transaction"));
          rows.delete(before.get(2));
          kill(sessionOfThisThreadsTransaction());
        }));
    assertTrue(failure.getMessage().contains("commit"), failure.getMessage());
    // the COMMIT went out on the dead connection: the client cannot tell this from a COMMIT that
    // the server carried out just before it died, so the outcome is unknown
    assertOutcomeUnknown(failure);
    assertClean(failure, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void killedWhileAStatementOfATransactionWaitsForALock(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insert(rows, 3);
    DataAccessException failure = stallAndKill(before.get(1).id(), () ->
        Transactions.run(pool, () -> {
          rows.update(before.get(0).with(100, "in transaction"));
          rows.update(before.get(1).with(200, "in transaction"));
        }));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void killedWhileModifyWaitsForALock(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insert(rows, 2);
    DataAccessException failure = stallAndKill(before.get(1).id(),
        () -> rows.modify(before.get(1).id(), r -> r.with(r.amount() + 1, "modified")));
    assertOutcomeUnknown(failure);
    assertClean(failure, before);
  }

  // ---- a plain update, outside any transaction ----

  /**
   * The connection of a plain {@code update} dies while its compare-and-set statement waits for a
   * row lock, or after it matched its row, while it sits in a trigger (PostgreSQL: after the row was
   * written, before the statement's commit; MariaDB: before the write): the call throws and the row
   * is as it was.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POSTGRESQL, waiting for a lock", "POSTGRESQL, in a trigger",
      "MARIADB, waiting for a lock", "MARIADB, in a trigger"})
  void killedWhileAPlainUpdateRuns(TestDatabase database, String where) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insert(rows, 2);
    boolean lock = where.equals("waiting for a lock");
    DataAccessException failure = stallAndKill(lock ? before.get(1).id() : -1,
        () -> rows.update(before.get(1).with(100, lock ? "plain update" : "sleep on update")));
    assertOutcomeUnknown(failure);
    assertClean(failure, before);
  }

  /**
   * Plain updates killed at random moments, {@link #KILL_ROUNDS} times: a call that returned wrote
   * exactly its row with the next version; a call that threw either wrote nothing or (its commit
   * having landed before the connection died) wrote exactly its row with the next version, and
   * always threw a DataAccessException, never a conflict. Never a row written while the caller was
   * told it was not, or half written.
   *
   * <p>"Threw but written" happens on MariaDB (about half of the kills): the server finishes and
   * commits an auto-commit statement that {@code KILL} caught running, then closes the connection
   * without answering, so the driver sees only a closed socket. No client can tell that apart from
   * a statement that never ran; the DataAccessException's cause is a connection error (SQLSTATE
   * class 08), and the row must be re-read to know.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void plainUpdatesKilledAtRandomMoments(TestDatabase database) throws Exception {
    FaultRowRepository shared = open(database);
    FaultRow current = insert(shared, 1).get(0);
    int[] seen = new int[3]; // returned, threw untouched, threw written
    int unknown = 0; // threw with outcomeUnknown()
    java.util.Random random = new java.util.Random(42);
    try (HikariDataSource one = db.newPool(POOL_NAME + "-one", 1)) {
      FaultRowRepository rows = new FaultRowRepository(one);
      for (int i = 1; i <= KILL_ROUNDS; i++) {
        long session = sessionOf(one);
        FaultRow mine = current.with(i, "kill round " + i);
        CompletableFuture<FaultRow> call = CompletableFuture.supplyAsync(() -> rows.update(mine));
        java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(1_500_000));
        kill(session);
        FaultRow returned = null;
        Throwable thrown = null;
        try {
          returned = call.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          thrown = e.getCause();
        }
        FaultRow stored = stored().get(current.id());
        FaultRow written = new FaultRow(mine.id(), mine.amount(), mine.note(), current.version() + 1);
        if (returned != null) {
          assertEquals(written, returned);
          assertEquals(written, stored, "round " + i + ": the call returned, the row must hold it");
          seen[0]++;
        } else {
          assertInstanceOf(DataAccessException.class, thrown,
              "round " + i + ": a killed connection must surface as a DataAccessException");
          assertFalse(Figures.contains(thrown, RecordModifiedException.class), thrown.toString());
          assertTrue(current.equals(stored) || written.equals(stored), "round " + i
              + ": the call threw " + thrown + "; the row must be as before (" + current
              + ") or exactly written (" + written + "), not " + stored);
          DataAccessException failure = (DataAccessException) thrown;
          if (written.equals(stored)) {
            assertTrue(failure.outcomeUnknown(), "round " + i + ": the row was written, yet the"
                + " caller was told the outcome is known: " + failure);
          }
          if (failure.outcomeUnknown()) {
            assertTrue(failure.getMessage().contains("may or may not have been committed"),
                failure.getMessage());
            unknown++;
          }
          seen[current.equals(stored) ? 1 : 2]++;
        }
        current = stored;
      }
      assertEquals(0, one.getHikariPoolMXBean().getActiveConnections(), "leaked connection");
    }
    Figures.report("faults-plain-update-" + database.name().toLowerCase(Locale.ROOT),
        String.format("plain update killed at random moments, %s: kills=%d returned=%d"
                + " threwUntouched=%d threwButWritten=%d outcomeUnknown=%d"
                + " writtenWhileToldOtherwise=0",
            database, KILL_ROUNDS, seen[0], seen[1], seen[2], unknown));
    assertTrue(seen[1] + seen[2] > 0, "no kill ever reached a running update: "
        + java.util.Arrays.toString(seen));
  }

  /**
   * A write killed inside a transaction (a caller's, or a batch's own) before its COMMIT was sent:
   * the server rolled it back, and the exception says the outcome is known.
   */
  private static void assertKnownNothingCommitted(DataAccessException failure) {
    assertFalse(failure.outcomeUnknown(), "nothing can have been committed: " + failure);
    assertTrue(failure.getMessage().contains(" failed: "), failure.getMessage());
  }

  /**
   * A write that commits on its own, or a COMMIT, killed in flight: the exception says that the
   * outcome is unknown (here the row proves to be untouched, which the client could not know).
   */
  private static void assertOutcomeUnknown(DataAccessException failure) {
    assertTrue(failure.outcomeUnknown(), "lost in flight: " + failure);
    assertTrue(failure.getMessage().contains("may or may not have been committed"),
        failure.getMessage());
  }

  /** The session of the one connection of {@code one}, whose next call will run on it. */
  private long sessionOf(HikariDataSource one) throws SQLException {
    String sql = db == TestDatabase.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
    SQLException last = null;
    for (int attempt = 0; attempt < 3; attempt++) { // the pool may first hand out a killed one
      try (Connection connection = one.getConnection();
          Statement statement = connection.createStatement();
          ResultSet resultSet = statement.executeQuery(sql)) {
        resultSet.next();
        return resultSet.getLong(1);
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }

  // ---- batches, stalled on a locked row ----

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"POSTGRESQL, ABORT_ALL", "POSTGRESQL, SKIP_CONFLICTS", "MARIADB, ABORT_ALL",
      "MARIADB, SKIP_CONFLICTS"})
  void updateAllKilledInTheMiddle(TestDatabase database, ConflictPolicy policy) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insertBatchRows(rows);
    DataAccessException failure = stallAndKill(STALL_AT,
        () -> rows.updateAll(edited(staleCopies(before), "batch"), policy));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void deleteAllKilledInTheMiddle(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insertBatchRows(rows);
    DataAccessException failure = stallAndKill(STALL_AT,
        () -> rows.deleteAll(staleCopies(before), ConflictPolicy.SKIP_CONFLICTS));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void updateAllInsideATransactionKilledInTheMiddle(TestDatabase database) throws Exception {
    FaultRowRepository rows = open(database);
    List<FaultRow> before = insertBatchRows(rows);
    FaultRow last = before.get(before.size() - 1);
    DataAccessException failure = stallAndKill(STALL_AT, () ->
        Transactions.run(pool, () -> {
          rows.update(last.with(-1, "before the batch"));
          rows.updateAll(edited(before.subList(STALE_INDEX, before.size() - 1), "batch"),
              ConflictPolicy.SKIP_CONFLICTS);
        }));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  // ---- MariaDB: a batch killed while it writes (its rows are read and locked first) ----

  @Test
  void mariadbUpdateAllKilledWhileItWrites() throws Exception {
    FaultRowRepository rows = open(TestDatabase.MARIADB);
    List<FaultRow> before = insertBatchRows(rows);
    List<FaultRow> batch = new ArrayList<>(edited(staleCopies(before), "batch"));
    int slow = (int) STALL_AT - 1;
    batch.set(slow, batch.get(slow).with(batch.get(slow).amount(), "sleep on update"));
    DataAccessException failure = stallAndKill(-1,
        () -> rows.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  @Test
  void mariadbDeleteAllKilledWhileItDeletes() throws Exception {
    FaultRowRepository rows = open(TestDatabase.MARIADB);
    List<FaultRow> inserted = insertBatchRows(rows);
    FaultRow slow = rows.update(inserted.get((int) STALL_AT - 1).with(0, "sleep on delete"));
    List<FaultRow> before = new ArrayList<>(inserted);
    before.set((int) STALL_AT - 1, slow);
    DataAccessException failure = stallAndKill(-1,
        () -> rows.deleteAll(staleCopies(before), ConflictPolicy.SKIP_CONFLICTS));
    assertKnownNothingCommitted(failure);
    assertClean(failure, before);
  }

  // ---- helpers ----

  /** Rows 1..n with amount 0, version 1. */
  private static List<FaultRow> insert(FaultRowRepository rows, int n) {
    List<FaultRow> inserted = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      inserted.add(rows.insert(new FaultRow(id, 0, "initial", 0)));
    }
    return inserted;
  }

  /**
   * {@link #BATCH_ROWS} rows in one JDBC batch, then rows 1..{@link #STALE} updated once more: the
   * returned list holds the rows as stored.
   */
  private List<FaultRow> insertBatchRows(FaultRowRepository rows) throws SQLException {
    char q = db == TestDatabase.MARIADB ? '`' : '"';
    String sql = "INSERT INTO " + q + "fault_row" + q + " VALUES (?, 0, 'initial', 1)";
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (long id = 1; id <= BATCH_ROWS; id++) {
        statement.setLong(1, id);
        statement.addBatch();
      }
      statement.executeBatch();
    }
    List<FaultRow> stored = new ArrayList<>(rows.findAll());
    for (int i = 0; i < STALE; i++) {
      stored.set(i, rows.update(stored.get(i).with(i, "updated")));
    }
    return stored;
  }

  /** The rows as stored, except rows 1..{@link #STALE}, given with their previous version. */
  private static List<FaultRow> staleCopies(List<FaultRow> stored) {
    List<FaultRow> copies = new ArrayList<>(stored);
    for (int i = 0; i < STALE; i++) {
      FaultRow row = stored.get(i);
      copies.set(i, new FaultRow(row.id(), row.amount(), row.note(), row.version() - 1));
    }
    return copies;
  }

  private static List<FaultRow> edited(List<FaultRow> rows, String note) {
    return rows.stream().map(r -> r.with(r.amount() + 1000, note)).toList();
  }

  /**
   * Runs {@code call} on another thread, waits until its connection is stuck (waiting for the lock
   * this thread holds on row {@code lockedId}, or, with {@code lockedId < 0}, sleeping in a MariaDB
   * trigger), kills that connection, and returns the exception the call ended with.
   */
  private DataAccessException stallAndKill(long lockedId, Runnable call) throws Exception {
    try (Connection blocker = db.pool().getConnection()) {
      blocker.setAutoCommit(false);
      if (lockedId >= 0) {
        char q = db == TestDatabase.MARIADB ? '`' : '"';
        try (Statement statement = blocker.createStatement()) {
          statement.executeQuery("SELECT * FROM " + q + "fault_row" + q + " WHERE " + q + "id" + q
              + " = " + lockedId + " FOR UPDATE").close();
        }
      }
      try {
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
          try {
            call.run();
            running.complete(null);
          } catch (Throwable t) {
            running.completeExceptionally(t);
          }
        }, "optilock-fault-call");
        caller.setDaemon(true);
        caller.start();
        long victim = waitForStuckSession(running, lockedId >= 0);
        kill(victim);
        return expectFailure(() -> {
          try {
            running.get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            throw e.getCause();
          }
        });
      } finally {
        blocker.rollback();
        blocker.setAutoCommit(true);
      }
    }
  }

  /**
   * Runs {@code call}, which must fail with a DataAccessException; counts anything else that says
   * "conflict" before failing the test.
   */
  private DataAccessException expectFailure(Executable call) {
    try {
      call.execute();
    } catch (Throwable failure) {
      if (Figures.contains(failure, RecordModifiedException.class)
          || Figures.contains(failure, BatchConflictException.class)) {
        FAULTS.computeIfAbsent(db, d -> new int[6])[3]++;
      }
      return assertInstanceOf(DataAccessException.class, failure,
          "a killed connection must surface as a DataAccessException");
    }
    return fail("the call succeeded although its connection was killed");
  }

  /** The session id of the one connection of our pool that waits for a lock (or sleeps). */
  private long waitForStuckSession(CompletableFuture<Void> running, boolean lock) throws Exception {
    String sql;
    if (db == TestDatabase.POSTGRESQL) {
      sql = "SELECT pid FROM pg_stat_activity WHERE application_name = '" + POOL_NAME + "' AND "
          + (lock ? "wait_event_type = 'Lock'" : "wait_event = 'PgSleep'");
    } else if (lock) {
      sql = "SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
          + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
          + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()";
    } else {
      sql = "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
          + " AND STATE = 'User sleep'";
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection admin = db.pool().getConnection();
        Statement statement = admin.createStatement()) {
      while (System.nanoTime() < deadline) {
        if (running.isDone()) {
          running.get();
          fail("the call ended before it could be killed");
        }
        try (ResultSet resultSet = statement.executeQuery(sql)) {
          if (resultSet.next()) {
            long id = resultSet.getLong(1);
            assertFalse(resultSet.next(), "more than one stuck session");
            return id;
          }
        }
        // MariaDB refreshes INNODB_TRX only when it was last read more than 0.1 s ago
        Thread.sleep(db == TestDatabase.MARIADB && lock ? 150 : 10);
      }
    }
    return fail("the call never got stuck: " + diagnostics());
  }

  private String diagnostics() {
    String sql = db == TestDatabase.POSTGRESQL
        ? "SELECT pid, application_name, state, wait_event_type, wait_event, query FROM pg_stat_activity"
        : "SELECT p.ID, p.DB, p.COMMAND, p.STATE, p.INFO, t.trx_state FROM information_schema.PROCESSLIST p"
            + " LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.DB = DATABASE()";
    StringBuilder out = new StringBuilder();
    try (Connection admin = db.pool().getConnection();
        Statement statement = admin.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      while (resultSet.next()) {
        out.append("\n  ");
        for (int i = 1; i <= 6; i++) {
          String value = resultSet.getString(i);
          out.append(value == null ? "null" : value.length() > 80 ? value.substring(0, 80) : value)
              .append(" | ");
        }
      }
    } catch (SQLException e) {
      out.append(e);
    }
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().equals("optilock-fault-call")) {
        for (StackTraceElement element : stack) {
          out.append("\n    at ").append(element);
        }
      }
    });
    return out.toString();
  }

  /** The database session of this thread's transaction on {@link #pool}, read on its connection. */
  private long sessionOfThisThreadsTransaction() {
    assertTrue(Transactions.inTransaction(pool));
    String sql = db == TestDatabase.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
    try (ConnectionLease lease = Database.of(pool).lease();
        Statement statement = lease.connection().createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      assertTrue(resultSet.next());
      return resultSet.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Kills session {@code id} from another connection and waits until it is gone. */
  private void kill(long id) {
    String kill = db == TestDatabase.POSTGRESQL
        ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id;
    String alive = db == TestDatabase.POSTGRESQL
        ? "SELECT count(*) FROM pg_stat_activity WHERE pid = " + id
        : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = " + id;
    try (Connection admin = db.pool().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(kill);
      FAULTS.computeIfAbsent(db, d -> new int[6])[0]++;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try (ResultSet resultSet = statement.executeQuery(alive)) {
          resultSet.next();
          if (resultSet.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          fail("session " + id + " survived its kill");
        }
        Thread.sleep(5);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every row of fault_row, read with plain JDBC (not through the repository under test). */
  private Map<Long, FaultRow> stored() {
    Map<Long, FaultRow> stored = new HashMap<>();
    Rows.query(db.pool(), "SELECT " + Rows.quote(db, "id") + ", " + Rows.quote(db, "amount") + ", "
            + Rows.quote(db, "note") + ", " + Rows.quote(db, "version") + " FROM "
            + Rows.quote(db, "fault_row"),
        row -> new FaultRow(row.getLong(1), row.getLong(2), row.getString(3), row.getLong(4)))
        .forEach(row -> stored.put(row.id(), row));
    return stored;
  }

  /**
   * What every fault must leave: a DataAccessException that is no conflict, every row exactly as
   * before (read on a connection of the shared pool, row by row), no connection of our pool in use,
   * and a pool whose next calls work.
   */
  private void assertClean(DataAccessException failure, List<FaultRow> before) throws SQLException {
    int[] counts = FAULTS.computeIfAbsent(db, d -> new int[6]);
    counts[1]++;
    STATES.computeIfAbsent(db, d -> new TreeSet<>()).add(String.valueOf(failure.sqlState()));
    boolean falseConflict = Figures.contains(failure, RecordModifiedException.class)
        || Figures.contains(failure, BatchConflictException.class);
    // (expectFailure counted a conflict thrown instead of a DataAccessException)
    int active = pool.getHikariPoolMXBean().getActiveConnections();
    Map<Long, FaultRow> stored = stored();
    List<String> partial = new ArrayList<>();
    for (FaultRow row : before) {
      if (!row.equals(stored.get(row.id()))) {
        partial.add("row " + row.id() + " was " + row + ", is " + stored.get(row.id()));
      }
    }
    if (stored.size() != before.size()) {
      partial.add(before.size() + " rows before, " + stored.size() + " after");
    }
    counts[3] += falseConflict ? 1 : 0;
    counts[4] += partial.isEmpty() ? 0 : 1;
    counts[5] += active;

    assertNotNull(failure.getCause(), "no cause: " + failure);
    assertFalse(falseConflict, "a killed connection was reported as a conflict: " + failure);
    assertEquals(List.of(), partial, "written although the call failed");
    assertEquals(0, active, "leaked connection");

    // the pool recovers: a plain call, a transaction and a batch all work on it
    FaultRowRepository rows = new FaultRowRepository(pool);
    Function<FaultRow, FaultRow> bump = r -> r.with(r.amount() + 1, "after the fault");
    FaultRow first = rows.update(bump.apply(before.get(0)));
    Transactions.run(pool, () -> rows.update(bump.apply(first)));
    assertFalse(rows.updateAll(List.of(bump.apply(before.get(1))), ConflictPolicy.ABORT_ALL)
        .hasConflicts());
    assertEquals(first.version() + 1, rows.findById(first.id()).orElseThrow().version());
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "leaked connection");
    counts[2]++;
  }
}
