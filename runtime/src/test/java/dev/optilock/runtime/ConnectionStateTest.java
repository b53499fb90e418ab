package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * What {@link Transactions} and {@link ConnectionLease} leave behind on a real SQLite database: what
 * was committed or rolled back, whether the connection went back, and in which auto-commit mode.
 * {@link OnePool} is a pool of one real connection that, like a plain pool, hands it out again in
 * the state it came back in, so that a connection returned in the wrong mode shows.
 */
class ConnectionStateTest {
  @TempDir Path dir;
  private SQLiteDataSource file;

  @BeforeEach
  void table() throws SQLException {
    file = new SQLiteDataSource();
    file.setUrl("jdbc:sqlite:" + dir.resolve("state.db"));
    try (Connection connection = file.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE TABLE note (id INTEGER PRIMARY KEY)");
    }
  }

  /** The rows stored, read on a connection of its own. */
  private int stored() throws SQLException {
    try (Connection connection = file.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM note")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void insert(Connection connection, int id) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO note (id) VALUES (" + id + ")");
    }
  }

  /** {@link #insert}, for work that cannot throw checked exceptions. */
  private static void insertNow(Connection connection, int id) {
    try {
      insert(connection, id);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A pool of one real SQLite connection. Closing what it handed out gives the connection back
   * unchanged (auto-commit mode, open transaction and all); using it after that fails.
   */
  final class OnePool extends SQLiteDataSource {
    final Connection real;
    int lent;
    int returned;

    OnePool(boolean autoCommit) throws SQLException {
      setUrl("jdbc:sqlite:" + dir.resolve("state.db"));
      real = super.getConnection();
      real.setAutoCommit(autoCommit);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (lent != returned) {
        throw new SQLException("the pool's one connection is in use");
      }
      lent++;
      int loan = lent;
      return (Connection) Proxy.newProxyInstance(
          Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (returned >= loan) {
              throw new SQLException("connection used after it went back to the pool");
            }
            if (method.getName().equals("close")) {
              returned++;
              return null;
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    boolean idle() {
      return lent == returned;
    }
  }

  @Test
  void aTransactionCommitsAndGivesTheConnectionBackWithAutoCommitOn() throws SQLException {
    OnePool pool = new OnePool(true);
    Transactions.run(pool, () -> insertNow(Transactions.current(pool), 1));
    assertEquals(1, stored());
    assertTrue(pool.idle(), "the connection went back");
    assertTrue(pool.real.getAutoCommit(), "it went back with auto-commit on, as it came");
  }

  @Test
  void aPlainPoolsConnectionWithAutoCommitOffGoesBackSo() throws SQLException {
    OnePool pool = new OnePool(false);
    Transactions.run(pool, () -> insertNow(Transactions.current(pool), 1));
    assertEquals(1, stored(), "the transaction is this call's, and it committed");
    assertTrue(pool.idle());
    assertFalse(pool.real.getAutoCommit(), "it went back with auto-commit off, as it came");
  }

  @Test
  void anExternalTransactionReturnsTheWorksResultAndGivesTheConnectionBack() throws SQLException {
    OnePool pool = new OnePool(false);
    DataSource declared = ExternalTransactions.of(pool);
    assertEquals("done", Transactions.call(declared, () -> {
      assertTrue(Transactions.inTransaction(declared));
      return "done";
    }));
    assertTrue(pool.idle(), "the connection went back");
    assertFalse(pool.real.getAutoCommit(), "the manager's connection is not reconfigured");
    assertFalse(Transactions.inTransaction(declared));
  }

  @Test
  void aTransactionOnAnotherDataSourceEndingLeavesTheOuterOneOpen() throws SQLException {
    OnePool other = new OnePool(true);
    OnePool external = new OnePool(false);
    DataSource declared = ExternalTransactions.of(external);
    Transactions.run(file, () -> {
      Transactions.run(other, () -> assertTrue(Transactions.inTransaction(other)));
      assertTrue(Transactions.inTransaction(file), "after an inner transaction on another data source");
      Transactions.call(declared, () -> null);
      assertTrue(Transactions.inTransaction(file), "after an external one on another data source");
      assertFalse(Transactions.inTransaction(other));
    });
    assertFalse(Transactions.inTransaction(file));
  }

  @Test
  void aRollbackThatFailsIsAddedToTheWorksException() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> Transactions.run(file, () -> {
          try {
            Transactions.current(file).close(); // the rollback will fail
          } catch (SQLException e) {
            throw new AssertionError(e);
          }
          throw new IllegalStateException("the work failed");
        }));
    assertEquals("the work failed", thrown.getMessage());
    assertEquals(1, thrown.getSuppressed().length, "the failed rollback");
    assertInstanceOf(SQLException.class, thrown.getSuppressed()[0]);
  }

  @Test
  void aLeaseThatCommitsRunsItsNextStatementsInAutoCommitMode() throws SQLException {
    OnePool pool = new OnePool(true);
    try (ConnectionLease lease = Database.of(pool).lease()) {
      lease.begin();
      insert(lease.connection(), 1);
      lease.commit();
      insert(lease.connection(), 2); // commits on its own: no transaction is open
    }
    assertEquals(2, stored());
    assertTrue(pool.idle());
    assertTrue(pool.real.getAutoCommit());
  }

  @Test
  void closingALeaseRollsBackWhatItDidNotCommit() throws SQLException {
    OnePool pool = new OnePool(true);
    try (ConnectionLease lease = Database.of(pool).lease()) {
      lease.begin();
      insert(lease.connection(), 1);
    }
    assertEquals(0, stored(), "rolled back, not committed by turning auto-commit back on");
    assertTrue(pool.idle(), "the connection went back");
    assertTrue(pool.real.getAutoCommit(), "with auto-commit on, as it came");
  }

  @Test
  void aLeaseInsideATransactionLeavesItOpen() throws SQLException {
    OnePool pool = new OnePool(true);
    Transactions.run(pool, () -> {
      try (ConnectionLease lease = Database.of(pool).lease()) {
        assertSame(Transactions.current(pool), lease.connection());
        lease.begin();
        insert(lease.connection(), 1);
        lease.commit(); // the caller's transaction commits, not this call
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
      try {
        assertEquals(0, stored(), "nothing committed before the transaction ends");
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(1, stored());
    assertTrue(pool.idle());
  }

  @Test
  void aLeaseOfAPlainPoolsConnectionWithAutoCommitOffGivesItBackSo() throws SQLException {
    OnePool pool = new OnePool(false);
    try (ConnectionLease lease = Database.of(pool).lease()) {
      assertTrue(lease.connection().getAutoCommit(), "each statement of the call commits");
      insert(lease.connection(), 1);
    }
    assertEquals(1, stored());
    assertTrue(pool.idle(), "the connection went back");
    assertFalse(pool.real.getAutoCommit(), "with auto-commit off, as it came");
  }

  @Test
  void aLeaseWhoseRollbackFailsStillGivesTheConnectionBack() throws SQLException {
    OnePool pool = new OnePool(true);
    ConnectionLease lease = Database.of(pool).lease();
    lease.begin();
    pool.real.close(); // the connection breaks under the call
    assertThrows(SQLException.class, lease::close);
    assertTrue(pool.idle(), "the broken connection went back to the pool all the same");
  }

  @Test
  void aConnectionBrokenOnArrivalGoesBackToThePool() throws SQLException {
    OnePool leased = new OnePool(true);
    leased.real.close();
    assertThrows(SQLException.class, () -> Database.of(leased).lease());
    assertTrue(leased.idle(), "the lease gave it back");
    OnePool transacted = new OnePool(true);
    transacted.real.close();
    DataAccessException failure = assertThrows(DataAccessException.class,
        () -> Transactions.run(transacted, () -> {}));
    assertTrue(failure.getMessage().startsWith("beginning a transaction"), failure.getMessage());
    assertTrue(transacted.idle(), "the transaction gave it back");
  }
}
