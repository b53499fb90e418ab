package dev.optilock.runtime;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.sql.DataSource;

/**
 * A {@link DataSource} together with its {@link Dialect}, which is detected once, from the metadata
 * of the first connection used, and then remembered for as long as the data source lives. Every
 * generated repository built on the same data source shares one instance.
 *
 * <p>This is the generated code's way in; applications hand repositories a plain {@code DataSource}.
 */
public final class Database {
  /**
   * Weak both ways: a data source that nothing else holds can be collected (an entry's value must
   * not hold its own key strongly), and so can an instance no repository holds.
   */
  private static final Map<DataSource, WeakReference<Database>> INSTANCES = new WeakHashMap<>();

  private final DataSource dataSource;
  private volatile Dialect dialect;
  /**
   * Whether the driver answered a JDBC batch with {@link java.sql.Statement#SUCCESS_NO_INFO}
   * (MariaDB Connector/J with {@code useBulkStmts=true}): {@link Batches} then runs its
   * compare-and-set statements one by one, each with its own exact count.
   */
  private volatile boolean batchCountsUnknown;

  private Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The shared instance for a data source.
   *
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static Database of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    synchronized (INSTANCES) {
      WeakReference<Database> known = INSTANCES.get(dataSource);
      Database database = known == null ? null : known.get();
      if (database == null) {
        database = new Database(dataSource);
        INSTANCES.put(dataSource, new WeakReference<>(database));
      }
      return database;
    }
  }

  /** The data source this instance wraps. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * A connection for one repository call: the current transaction's connection when {@link
   * Transactions} has one open on this data source on this thread, otherwise a fresh connection
   * that closing the lease gives back. A fresh connection that comes with auto-commit off belongs to
   * a transaction managed elsewhere (Spring, JTA): the call takes part in it and never commits it.
   */
  /**
   * Whether calls on this thread take part in a transaction: one of {@link Transactions}, or one
   * that an external manager (Spring, JTA) runs on the connection the data source hands out, which
   * then has auto-commit off. Borrows a connection to find out when there is no {@link
   * Transactions} transaction.
   */
  public boolean inTransaction() {
    if (Transactions.current(dataSource) != null) {
      return true;
    }
    try (Connection connection = dataSource.getConnection()) {
      return !connection.getAutoCommit();
    } catch (SQLException e) {
      throw failure("checking for a transaction", e);
    }
  }

  public ConnectionLease lease() throws SQLException {
    Connection joined = Transactions.current(dataSource);
    if (joined != null) {
      return new ConnectionLease(joined, dialect(joined), false, false);
    }
    Connection own = dataSource.getConnection();
    try {
      // Auto-commit off means someone else runs a transaction on this connection (Spring's
      // TransactionAwareDataSourceProxy, JTA): take part in it, never commit it ourselves.
      boolean external = !own.getAutoCommit();
      return new ConnectionLease(own, dialect(own), !external, true);
    } catch (SQLException | RuntimeException e) {
      try {
        own.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * The exception for a failed statement, which also dooms this thread's transaction on this data
   * source, if there is one: on PostgreSQL a failed statement aborts the transaction anyway (and
   * its COMMIT silently rolls back), so on every database the transaction then rolls back rather
   * than commit half of its work, even if the caller catches this exception.
   *
   * @param operation what was being done, for example {@code "update of Article[id=4]"}
   */
  public DataAccessException failure(String operation, SQLException cause) {
    DataAccessException failure = new DataAccessException(operation, cause);
    Transactions.markRollbackOnly(dataSource, failure);
    return failure;
  }

  /** Whether a batch on this data source was answered without per-statement counts. */
  boolean batchCountsUnknown() {
    return batchCountsUnknown;
  }

  /** Records that the driver answers batches without per-statement counts. */
  void batchCountsAreUnknown() {
    batchCountsUnknown = true;
  }

  private Dialect dialect(Connection connection) throws SQLException {
    Dialect known = dialect;
    if (known == null) {
      known = Dialect.of(connection);
      dialect = known;
    }
    return known;
  }

  /**
   * The dialect, detected now (with one connection) if no call has needed it yet.
   *
   * @throws DataAccessException when no connection can be had or the database is not supported
   */
  public Dialect dialect() {
    Dialect known = dialect;
    if (known != null) {
      return known;
    }
    try (ConnectionLease lease = lease()) {
      return lease.dialect();
    } catch (SQLException e) {
      throw new DataAccessException("detecting the database dialect", e);
    }
  }
}
