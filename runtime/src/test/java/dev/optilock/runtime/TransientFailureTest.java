package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Which failures are transient, and what the retrying code does with them. The SQLExceptions are
 * built as the drivers build them: MariaDB Connector/J's {@code SQLTransactionRollbackException}
 * "Deadlock found when trying to get lock; try restarting transaction" (1213, 40001, also Galera's
 * certification failure), "Lock wait timeout exceeded" (1205, HY000); pgJDBC's {@code
 * PSQLException} with 40001 (serialization failure, recovery conflict on a standby) or 40P01.
 */
class TransientFailureTest {
  private static final RetryPolicy FAST = new RetryPolicy(5, Duration.ZERO, Duration.ZERO);

  @TempDir Path directory;

  private static SQLException mariadbDeadlock() {
    return new SQLTransactionRollbackException(
        "(conn=12) Deadlock found when trying to get lock; try restarting transaction", "40001",
        1213);
  }

  @Test
  void raceFailuresAreTransient() {
    assertTrue(DataAccessException.isTransient(mariadbDeadlock()));
    assertTrue(DataAccessException.isTransient(new SQLException(
        "(conn=7) Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)));
    assertTrue(DataAccessException.isTransient(new SQLException(
        "ERROR: could not serialize access due to concurrent update", "40001")));
    assertTrue(DataAccessException.isTransient(new SQLException("ERROR: deadlock detected", "40P01")));
    assertTrue(DataAccessException.isTransient(new SQLException(
        "ERROR: canceling statement due to conflict with recovery", "40001")));
    assertTrue(DataAccessException.isTransient(new SQLException(
        "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the"
            + " transaction", null, 0)));
    BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
    batch.setNextException(new SQLException("ERROR: deadlock detected", "40P01"));
    assertTrue(DataAccessException.isTransient(batch));
    assertTrue(DataAccessException.isTransient(
        new SQLException("wrapped", null, mariadbDeadlock())));
  }

  @Test
  void otherFailuresAreNotTransient() {
    assertFalse(DataAccessException.isTransient(new SQLException(
        "ERROR: duplicate key value violates unique constraint", "23505")));
    assertFalse(DataAccessException.isTransient(new SQLException("I/O error", "08006")));
    assertFalse(DataAccessException.isTransient(new SQLException(
        "FATAL: terminating connection due to conflict with recovery", "57P04")));
    assertFalse(DataAccessException.isTransient(
        new SQLTransactionRollbackException("integrity constraint violation", "40002")));
    assertFalse(DataAccessException.isTransient(
        new SQLTransactionRollbackException("statement completion unknown", "40003")));
    assertFalse(DataAccessException.isTransient(
        new SQLException("[SQLITE_BUSY] The database file is locked", null, 5)));
    assertFalse(DataAccessException.isTransient(new SQLException(
        "ERROR: cannot execute UPDATE in a read-only transaction", "25006")));
    // a vendor code 1213 under a SQLSTATE no MariaDB/MySQL error carries is someone else's
    assertFalse(DataAccessException.isTransient(new SQLException("other", "42000", 1213)));
  }

  @Test
  void failureIsTransientOnlyWhenTheOutcomeIsKnown() {
    Database database = Database.of(sqlite("known"));
    DataAccessException deadlock = database.failure("update of Counter[id=1]", mariadbDeadlock());
    assertInstanceOf(TransientDataAccessException.class, deadlock);
    assertFalse(deadlock.outcomeUnknown());
    assertEquals("40001", deadlock.sqlState());
    assertEquals(1213, deadlock.vendorCode());
    assertTrue(deadlock.getMessage().startsWith("update of Counter[id=1] failed: (conn=12) Deadlock"),
        deadlock.getMessage());

    DataAccessException duplicate = database.failure("insert of Counter[id=1]",
        new SQLException("ERROR: duplicate key value", "23505"));
    assertFalse(duplicate instanceof TransientDataAccessException);

    // a lost connection during a write: the outcome is unknown, so never "retry the same work"
    SQLException lost = new SQLException("terminating connection", "57P01");
    DataAccessException unknown = database.failure("update of Counter[id=1]", lost);
    assertTrue(unknown.outcomeUnknown());
    assertFalse(unknown instanceof TransientDataAccessException);
  }

  @Test
  void aWriteOnAReadOnlyServerSaysSoAndIsNotTransient() {
    DataAccessException failure = Database.of(sqlite("readonly")).failure(
        "update of Counter[id=1]",
        new SQLException("ERROR: cannot execute UPDATE in a read-only transaction", "25006"));
    assertFalse(failure instanceof TransientDataAccessException);
    assertTrue(failure.getMessage().contains("read-only server"), failure.getMessage());
    assertTrue(failure.getMessage().contains("primary"), failure.getMessage());
    DataAccessException mariadb = new DataAccessException("update of Counter[id=1]", new SQLException(
        "The MariaDB server is running with the --read-only option so it cannot execute this"
            + " statement", "HY000", 1290));
    assertTrue(mariadb.getMessage().contains("read-only server"), mariadb.getMessage());
  }

  @Test
  void modifyRetriesTransientFailuresOfTheWriteAndTheLoad() {
    Database database = Database.of(sqlite("modify"));
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    Integer result = FAST.run(database,
        () -> {
          if (loads.incrementAndGet() == 2) {
            throw database.failure("findById of Counter[id=1]", mariadbDeadlock());
          }
          return 10;
        },
        n -> n + 1,
        n -> {
          if (writes.incrementAndGet() < 3) {
            throw database.failure("update of Counter[id=1]",
                new SQLException("could not serialize access", "40001"));
          }
          return n;
        });
    assertEquals(11, result);
    assertEquals(4, loads.get());   // 1: write fails, 2: load fails, 3: write fails, 4: succeeds
    assertEquals(3, writes.get());
  }

  @Test
  void modifyGivesUpWithTheLastTransientFailure() {
    Database database = Database.of(sqlite("giveup"));
    AtomicInteger writes = new AtomicInteger();
    TransientDataAccessException last = assertThrows(TransientDataAccessException.class,
        () -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO).run(database, () -> 1, n -> n, n -> {
          writes.incrementAndGet();
          throw database.failure("update of Counter[id=1]", mariadbDeadlock());
        }));
    assertEquals(3, writes.get());
    assertEquals(1213, last.vendorCode());
  }

  @Test
  void modifyDoesNotRetryOtherFailures() {
    Database database = Database.of(sqlite("other"));
    AtomicInteger writes = new AtomicInteger();
    DataAccessException failure = assertThrows(DataAccessException.class,
        () -> FAST.run(database, () -> 1, n -> n, n -> {
          writes.incrementAndGet();
          throw database.failure("update of Counter[id=1]",
              new SQLException("ERROR: cannot execute UPDATE in a read-only transaction", "25006"));
        }));
    assertEquals(1, writes.get());
    assertFalse(failure instanceof TransientDataAccessException);
  }

  @Test
  void transactionsAreRunAgainOnTransientFailuresAndConflicts() throws SQLException {
    DataSource dataSource = sqlite("tx");
    execute(dataSource, "CREATE TABLE t (n INTEGER)");
    AtomicInteger attempts = new AtomicInteger();
    int result = Transactions.call(dataSource, FAST, () -> {
      int attempt = attempts.incrementAndGet();
      execute(dataSource, "INSERT INTO t VALUES (" + attempt + ")");
      switch (attempt) {
        case 1 -> throw new RecordModifiedException(Object.class, 1, 1L, 2L, null, null);
        case 2 -> {
          // a call inside failed transiently and the work caught it: the transaction is doomed
          try {
            throw Database.of(dataSource).failure("update of Counter[id=1]", mariadbDeadlock());
          } catch (TransientDataAccessException caught) {
            return -1;
          }
        }
        case 3 -> throw new BatchConflictException(Object.class, List.of(), 1);
        default -> {
          return attempt;
        }
      }
    });
    assertEquals(4, result);
    // only the last attempt committed its row
    assertEquals(List.of(4), rows(dataSource));
  }

  @Test
  void aTransactionOfOtherFailureRunsOnce() throws SQLException {
    DataSource dataSource = sqlite("once");
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(IllegalStateException.class, () -> Transactions.run(dataSource, FAST, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("not a race");
    }));
    assertEquals(1, attempts.get());
  }

  @Test
  void insideAnOuterTransactionThereIsOneAttempt() {
    DataSource dataSource = sqlite("outer");
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(TransientDataAccessException.class, () -> Transactions.run(dataSource, () ->
        Transactions.run(dataSource, FAST, () -> {
          attempts.incrementAndGet();
          throw new TransientDataAccessException("update of Counter[id=1]", mariadbDeadlock());
        })));
    assertEquals(1, attempts.get());
  }

  @Test
  void theConflictReadFallsBackToAPlainReadOutsideATransaction() {
    Database database = Database.of(sqlite("conflictread"));
    List<Boolean> reads = new ArrayList<>();
    String row = database.conflictRead("findById of Counter[id=1]", locking -> {
      reads.add(locking);
      if (locking) {
        throw mariadbDeadlock();
      }
      return "plain";
    });
    assertEquals("plain", row);
    assertEquals(List.of(true, false), reads);

    // a failure that is not transient is reported, without a second read
    reads.clear();
    DataAccessException failure = assertThrows(DataAccessException.class,
        () -> database.conflictRead("findById of Counter[id=1]", locking -> {
          reads.add(locking);
          throw new SQLException("no such table", "42P01");
        }));
    assertEquals(List.of(true), reads);
    assertFalse(failure instanceof TransientDataAccessException);
  }

  @Test
  void theConflictReadInsideATransactionReportsTheTransientFailure() {
    DataSource dataSource = sqlite("conflictreadtx");
    Database database = Database.of(dataSource);
    List<Boolean> reads = new ArrayList<>();
    assertThrows(TransientDataAccessException.class, () -> Transactions.run(dataSource, () ->
        database.conflictRead("findById of Counter[id=1]", locking -> {
          reads.add(locking);
          throw mariadbDeadlock();
        })));
    assertEquals(List.of(true), reads);
  }

  @Test
  void readReplicasTakeTurnsSkipOneThatFailsAndNeverServeTransactionsOrModify()
      throws SQLException {
    SQLiteDataSource primary = sqlite("primary");
    SQLiteDataSource first = sqlite("replica1");
    SQLiteDataSource second = sqlite("replica2");
    DataSource broken = new SQLiteDataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        throw new SQLException("replica down", "08001");
      }
    };
    DataSource routed = ReadReplicas.of(primary, first, broken, second);
    Database database = Database.of(routed);
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      served.add(readUrl(database));
    }
    assertEquals(List.of(first.getUrl(), second.getUrl(), second.getUrl(), first.getUrl(),
        second.getUrl(), second.getUrl()), served);
    // its own connections, transactions and modify's loads are the primary's
    try (Connection connection = routed.getConnection()) {
      assertEquals(primary.getUrl(), connection.getMetaData().getURL());
    }
    Transactions.run(routed, () -> served.add(readUrl(database)));
    assertEquals(primary.getUrl(), served.get(served.size() - 1));
    String loaded = FAST.run(database, () -> readUrl(database), s -> s, s -> s);
    assertEquals(primary.getUrl(), loaded);
    try (ConnectionLease lease = database.lease()) {
      assertEquals(primary.getUrl(), lease.connection().getMetaData().getURL());
    }
  }

  @Test
  void withEveryReplicaDownThePrimaryServes() throws SQLException {
    SQLiteDataSource primary = sqlite("lonely");
    DataSource broken = new SQLiteDataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        throw new SQLException("replica down", "08001");
      }
    };
    assertEquals(primary.getUrl(), readUrl(Database.of(ReadReplicas.of(primary, broken))));
  }

  private static String readUrl(Database database) {
    try (ConnectionLease lease = database.readLease()) {
      return lease.connection().getMetaData().getURL();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private SQLiteDataSource sqlite(String name) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + directory.resolve(name + ".db"));
    return dataSource;
  }

  private static void execute(DataSource dataSource, String sql) {
    try (ConnectionLease lease = Database.of(dataSource).lease()) {
      lease.connection().createStatement().execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> rows(DataSource dataSource) throws SQLException {
    List<Integer> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        var result = connection.createStatement().executeQuery("SELECT n FROM t ORDER BY n")) {
      while (result.next()) {
        rows.add(result.getInt(1));
      }
    }
    return rows;
  }
}
