package dev.optilock.runtime;

import dev.optilock.runtime.Catalog;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Events;
import dev.optilock.runtime.ExternalTransactions;
import dev.optilock.runtime.ReadReplicas;
import dev.optilock.runtime.SchemaCheck;
import dev.optilock.runtime.SchemaMismatchException;
import dev.optilock.runtime.SchemaProblem;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.Transactions;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Whether a transaction manager runs transactions on the connections: {@link ExternalTransactions}. */
  private final boolean managed;
  private volatile Dialect dialect;
  /**
   * Whether the driver answered a JDBC batch with {@link java.sql.Statement#SUCCESS_NO_INFO}
   * (MariaDB Connector/J with {@code useBulkStmts=true}): {@link Batches} then runs its
   * compare-and-set statements one by one, each with its own exact count.
   */
  private volatile boolean batchCountsUnknown;
  /** The entities whose version column {@link #checkVersionColumn} found fit, on this database. */
  private final Set<EntitySchema> fitVersionColumns = ConcurrentHashMap.newKeySet();

  private Database(DataSource dataSource) {
    this.dataSource = dataSource;
    this.managed = ExternalTransactions.isDeclared(dataSource);
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
   * The connection of this thread's {@link Transactions} transaction on this data source, or
   * {@code null} when there is none (a transaction that a manager runs on a declared data source
   * is not one of these).
   */
  public Connection transactionConnection() {
    return Transactions.current(dataSource);
  }

  /**
   * Whether calls on this thread take part in a transaction: one of {@link Transactions}, or, on a
   * data source {@link ExternalTransactions declared} to a transaction manager, one the manager runs
   * on the connection the data source hands out, which then has auto-commit off (a connection is
   * borrowed to find out). A plain pool's connection with auto-commit off is no transaction: each
   * call commits its own work.
   */
  public boolean inTransaction() {
    if (Transactions.current(dataSource) != null) {
      return true;
    }
    if (!managed) {
      return false;
    }
    try (Connection connection = dataSource.getConnection()) {
      return !connection.getAutoCommit();
    } catch (SQLException e) {
      throw failure("checking for a transaction", e);
    }
  }

  /**
   * A connection for one repository call: the current transaction's connection when {@link
   * Transactions} has one open on this data source on this thread, otherwise a fresh connection
   * that closing the lease gives back. A fresh connection that comes with auto-commit off is, on a
   * data source {@link ExternalTransactions declared} to a transaction manager, the manager's
   * transaction: the call takes part in it and never commits it. On any other data source it is a
   * plain pool's connection: the lease switches auto-commit on for the call, so that the call
   * commits its own work as on any connection, and closing the lease switches it off again.
   */
  public ConnectionLease lease() throws SQLException {
    Connection joined = Transactions.current(dataSource);
    if (joined != null) {
      return ConnectionLease.joined(joined, dialect(joined));
    }
    Connection own = dataSource.getConnection();
    try {
      Dialect dialect = dialect(own);
      return managed && !own.getAutoCommit()
          ? ConnectionLease.managed(own, dialect)
          : ConnectionLease.own(own, dialect);
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
   * <p>A write outside a transaction of {@link Transactions} whose connection was lost is reported
   * with {@link DataAccessException#outcomeUnknown()}: its statement (or its call's own COMMIT) may
   * have committed before the connection died. Inside such a transaction the server rolls back what
   * the lost connection wrote, and the outcome is known: nothing.
   *
   * @param operation what was being done, for example {@code "update of Article[id=4]"}
   */
  public DataAccessException failure(String operation, SQLException cause) {
    return failure(operation, cause, true);
  }

  /**
   * {@link #failure(String, SQLException)} for a call that knows whether its writes could have
   * committed when {@code cause} was raised: {@code mayHaveCommitted} false when they ran in the
   * call's own transaction whose COMMIT was not yet sent.
   */
  public DataAccessException failure(
      String operation, SQLException cause, boolean mayHaveCommitted) {
    boolean outcomeUnknown = mayHaveCommitted && Transactions.current(dataSource) == null
        && DataAccessException.lostWrite(operation, cause);
    DataAccessException failure = DataAccessException.of(operation, cause, outcomeUnknown);
    Transactions.markRollbackOnly(dataSource, failure);
    return failure;
  }

  /** How a generated repository reads a row for a conflict report; see {@link #conflictRead}. */
  @FunctionalInterface
  public interface ConflictRead<T> {
    /**
     * Reads the row.
     *
     * @param locking whether to use the locking read ({@code LOCK IN SHARE MODE} on MariaDB), or
     *     a plain one
     */
    T read(boolean locking) throws SQLException;
  }

  /**
   * Reads the row that made a compare-and-set write fail, for its {@link RecordModifiedException}:
   * with the locking read first, which sees the latest committed row even inside a REPEATABLE READ
   * transaction. Outside a transaction, when that read fails transiently (on Galera a locking read
   * that races a replicated write is aborted with a deadlock error), the row is read again, without
   * the lock: a statement of its own sees every committed write, so a real conflict is reported as
   * one, never as a {@link DataAccessException}. Inside a transaction a transient failure has rolled
   * the transaction back, and is reported as a {@link TransientDataAccessException} (which {@link
   * Transactions#call(DataSource, RetryPolicy, java.util.function.Supplier)} retries).
   *
   * @param operation what is being read, for example {@code "findById of Article[id=4]"}
   */
  public <T> T conflictRead(String operation, ConflictRead<T> read) {
    try {
      return read.read(true);
    } catch (SQLException e) {
      if (!inTransaction() && DataAccessException.isTransient(e)) {
        Events.transientFailure(operation + " (locking read; read again without the lock)", e);
        try {
          return read.read(false);
        } catch (SQLException again) {
          again.addSuppressed(e);
          throw failure(operation, again);
        }
      }
      throw failure(operation, e);
    }
  }

  /**
   * A connection for a pure read (findById, findAll, findByIdAndVersion): from one of the replicas
   * when this database is a {@link ReadReplicas} data source, this thread has no transaction on it,
   * and the read is not part of a {@code modify}; otherwise {@link #lease()}. Replicas take turns;
   * one that fails to hand out a connection is skipped, and when none can, the primary serves.
   */
  public ConnectionLease readLease() throws SQLException {
    if (!(dataSource instanceof ReadReplicas replicas)
        || Boolean.TRUE.equals(PRIMARY_ONLY.get()) || inTransaction()) {
      return lease();
    }
    Connection replica = replicas.replicaConnection();
    if (replica == null) {
      return lease();
    }
    try {
      return ConnectionLease.own(replica, dialect(replica));
    } catch (SQLException | RuntimeException e) {
      try {
        replica.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Set while {@link #onPrimary} runs: every read of this thread goes to the primary. */
  private static final ThreadLocal<Boolean> PRIMARY_ONLY = new ThreadLocal<>();

  /** Runs {@code reads} with every {@link #readLease()} of this thread on the primary. */
  <T> T onPrimary(java.util.function.Supplier<T> reads) {
    if (Boolean.TRUE.equals(PRIMARY_ONLY.get())) {
      return reads.get();
    }
    PRIMARY_ONLY.set(Boolean.TRUE);
    try {
      return reads.get();
    } finally {
      PRIMARY_ONLY.remove();
    }
  }

  /** Whether a batch on this data source was answered without per-statement counts. */
  public boolean batchCountsUnknown() {
    return batchCountsUnknown;
  }

  /** Records that the driver answers batches without per-statement counts. */
  public void batchCountsAreUnknown() {
    batchCountsUnknown = true;
  }

  /**
   * Makes sure that the version column of {@code entity} keeps the versions its repository writes,
   * before the first write of a TIMESTAMP version: a column that keeps fewer digits than the
   * version's microseconds (MariaDB {@code DATETIME} without {@code (6)}, PostgreSQL {@code
   * timestamptz(0)}) stores the versions of updates within one second alike, and then a writer
   * holding a replaced version would overwrite the other writer's update.
   *
   * <p>The first call for an entity on this database reads the column's type from the catalog
   * (one query on the call's connection; none on SQLite, whose text columns keep every digit);
   * once the column fits, later calls cost one set lookup. A column that does not fit is checked
   * again on every write, so that fixing it takes effect without a restart. A missing table or
   * column is left to the write, which reports it as before.
   *
   * @throws SchemaMismatchException when the column cannot keep the versions; nothing was written
   * @throws DataAccessException when the catalog cannot be read
   */
  public void checkVersionColumn(EntitySchema entity) {
    if (fitVersionColumns.contains(entity)) {
      return;
    }
    if (dialect() == Dialect.SQLITE) {
      // SQLite keeps the version's text (or integer) as it is, whatever the declared type.
      fitVersionColumns.add(entity);
      return;
    }
    List<SchemaProblem> problems;
    try (ConnectionLease lease = lease()) {
      Catalog.Table table = Catalog.read(lease, entity.schemaName(), entity.tableName());
      if (table == null || table.column(entity.version().name()) == null) {
        return;
      }
      problems = SchemaCheck.versionColumn(lease.dialect(), entity, table);
    } catch (SQLException e) {
      throw failure("checking the version column of " + entity.simpleName(), e);
    }
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(new SchemaReport(List.of(entity.entity()), problems),
          entity.simpleName() + "'s version column cannot keep its versions, so nothing was"
              + " written");
    }
    fitVersionColumns.add(entity);
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
