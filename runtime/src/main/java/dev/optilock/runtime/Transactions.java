package dev.optilock.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs several repository calls in one database transaction.
 *
 * <pre>{@code
 * Transactions.run(dataSource, () -> {
 *   accounts.update(from.withBalance(from.balance() - 10));
 *   accounts.update(to.withBalance(to.balance() + 10));
 * });   // both or neither
 * }</pre>
 *
 * <ul>
 *   <li>The work runs on one connection of {@code dataSource}, with auto-commit off; every generated
 *       repository built on the same {@code dataSource} uses it while the work runs on this thread.
 *   <li>When the work returns, the transaction commits. When it throws anything, the transaction rolls
 *       back and the exception propagates unchanged (a failed rollback is added as suppressed).
 *   <li>A call made while a transaction on the same data source is already open on this thread joins
 *       it. If a joined call throws, or a repository call inside fails with a {@link
 *       DataAccessException}, the whole transaction is marked rollback-only: the outer call then
 *       rolls back even if the exception was caught, and reports it (as the cause of its own
 *       {@link DataAccessException}). A {@link RecordModifiedException} caught inside does not doom
 *       the transaction: nothing was written and the connection is healthy.
 *   <li>Outside a transaction, each repository call is its own unit, committed when it returns.
 *   <li>The connection goes back to the pool on every path, with auto-commit as it came.
 * </ul>
 *
 * <p>Transactions are bound to the calling thread; other threads are unaffected.
 *
 * <p>On a data source {@link ExternalTransactions declared} to a transaction manager (Spring's
 * {@code TransactionAwareDataSourceProxy} is recognised as one), a connection handed out with
 * auto-commit off carries the manager's transaction: the work takes part in it, and this class
 * neither commits nor rolls it back. On any other data source such a connection is a plain pool's:
 * the transaction is this class's, committed or rolled back as above, and the connection goes back
 * with auto-commit off as it came.
 */
public final class Transactions {
  private static final ThreadLocal<Map<DataSource, Transaction>> ACTIVE = new ThreadLocal<>();

  private Transactions() {}

  private static final class Transaction {
    final Connection connection;
    /**
     * Whether the connection carries a transaction manager's transaction: it came with auto-commit
     * off from a data source {@link ExternalTransactions declared} to a manager. This call takes
     * part in it and never commits, rolls back or reconfigures it.
     */
    final boolean external;
    /** Whether the connection came with auto-commit on, which the end of the transaction restores. */
    final boolean autoCommitOnArrival;
    /** Why the transaction must roll back, or {@code null}. */
    Throwable rollbackOnly;

    Transaction(Connection connection, boolean external, boolean autoCommitOnArrival) {
      this.connection = connection;
      this.external = external;
      this.autoCommitOnArrival = autoCommitOnArrival;
    }
  }

  /**
   * Runs {@code work} in a transaction on {@code dataSource}, or inside the one already open on this
   * thread.
   *
   * @throws DataAccessException when the transaction cannot begin or commit
   */
  public static void run(DataSource dataSource, Runnable work) {
    Objects.requireNonNull(work, "work");
    call(
        dataSource,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Runs {@code work} in a transaction on {@code dataSource} (or inside the one already open on this
   * thread) and returns its result once committed.
   *
   * @throws DataAccessException when the transaction cannot begin or commit; when the connection was
   *     lost during the COMMIT, its {@link DataAccessException#outcomeUnknown() outcomeUnknown()} is
   *     true: the work may or may not have been committed
   */
  public static <T> T call(DataSource dataSource, Supplier<T> work) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(work, "work");
    Map<DataSource, Transaction> active = ACTIVE.get();
    Transaction outer = active == null ? null : active.get(dataSource);
    if (outer != null) {
      try {
        return work.get();
      } catch (Throwable failure) {
        if (outer.rollbackOnly == null) {
          outer.rollbackOnly = failure;
        }
        throw failure;
      }
    }
    if (active == null) {
      active = new IdentityHashMap<>();
      ACTIVE.set(active);
    }
    Transaction transaction = begin(dataSource);
    active.put(dataSource, transaction);
    if (transaction.external) {
      try {
        return work.get();
      } finally {
        active.remove(dataSource);
        if (active.isEmpty()) {
          ACTIVE.remove();
        }
        close(transaction.connection);
      }
    }
    try {
      T result = work.get();
      if (transaction.rollbackOnly != null) {
        throw new DataAccessException(
            "transaction rolled back: a call inside it failed and its exception was caught: "
                + transaction.rollbackOnly,
            transaction.rollbackOnly);
      }
      commit(transaction.connection);
      return result;
    } catch (Throwable failure) {
      rollback(transaction.connection, failure);
      throw failure;
    } finally {
      active.remove(dataSource);
      if (active.isEmpty()) {
        ACTIVE.remove();
      }
      end(transaction);
    }
  }

  /**
   * {@link #run(DataSource, Runnable)}, run again as a whole, up to {@code policy}'s attempts with
   * its pauses, when it fails with a conflict ({@link RecordModifiedException}, {@link
   * BatchConflictException}) or a {@link TransientDataAccessException} (a deadlock, a serialization
   * failure, a Galera certification failure), at any statement or at COMMIT. See {@link
   * #call(DataSource, RetryPolicy, Supplier)}.
   */
  public static void run(DataSource dataSource, RetryPolicy policy, Runnable work) {
    Objects.requireNonNull(work, "work");
    call(
        dataSource,
        policy,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * {@link #call(DataSource, Supplier)}, run again as a whole when it fails with a conflict ({@link
   * RecordModifiedException}, {@link BatchConflictException}) or a {@link
   * TransientDataAccessException} (a deadlock, a serialization failure, a Galera certification
   * failure), at any statement or at COMMIT: each attempt is a new transaction, after {@code
   * policy}'s pause, up to {@code policy}'s attempts; the last failure propagates. A failure the
   * work caught inside, which doomed the transaction, counts as the failure it caught.
   *
   * <pre>{@code
   * Transactions.call(dataSource, RetryPolicy.defaults(), () -> {
   *   Account from = accounts.findById(1).orElseThrow();
   *   Account to = accounts.findById(2).orElseThrow();
   *   accounts.update(from.withBalance(from.balance() - 10));
   *   return accounts.update(to.withBalance(to.balance() + 10));
   * });
   * }</pre>
   *
   * <p><b>The work runs more than once</b>: it must have no effects outside the database (no
   * e-mail sent, no message published, no shared in-memory state changed), or they must be
   * idempotent; and it must read what it writes inside the work, so that each attempt starts from
   * the rows as they are now. Inside a transaction that is already open on this thread (one of this
   * class, or a transaction manager's on a data source {@link ExternalTransactions declared} to it)
   * there is one attempt only: retrying belongs to whoever runs the outer transaction.
   *
   * @throws RecordModifiedException the last conflict, when every attempt conflicted
   * @throws TransientDataAccessException the last transient failure, when the last attempt failed so
   * @throws DataAccessException when the transaction cannot begin or commit for another reason, as
   *     {@link #call(DataSource, Supplier)}
   */
  public static <T> T call(DataSource dataSource, RetryPolicy policy, Supplier<T> work) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(work, "work");
    int attempts = policy.maxAttempts() > 1 && Database.of(dataSource).inTransaction()
        ? 1 : policy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      try {
        return call(dataSource, work);
      } catch (RuntimeException failure) {
        RuntimeException retryable = retryable(failure);
        if (retryable == null || attempt >= attempts) {
          throw failure;
        }
        policy.pause(attempt, retryable);
      }
    }
  }

  /**
   * The conflict or transient failure that makes {@code failure} worth a new attempt: itself, or
   * for the failure of a doomed transaction the failure that doomed it; {@code null} for any other.
   */
  private static RuntimeException retryable(RuntimeException failure) {
    if (failure instanceof RecordModifiedException || failure instanceof BatchConflictException
        || failure instanceof TransientDataAccessException) {
      return failure;
    }
    if (failure instanceof DataAccessException && !(failure.getCause() instanceof java.sql.SQLException)
        && failure.getCause() instanceof RuntimeException cause && cause != failure) {
      return retryable(cause);
    }
    return null;
  }

  /**
   * Dooms this thread's transaction on {@code dataSource}, if there is one: it will roll back, and
   * its commit will report {@code cause}.
   */
  static void markRollbackOnly(DataSource dataSource, Throwable cause) {
    Map<DataSource, Transaction> active = ACTIVE.get();
    Transaction transaction = active == null ? null : active.get(dataSource);
    if (transaction != null && transaction.rollbackOnly == null) {
      transaction.rollbackOnly = cause;
    }
  }

  /** True when this thread has a transaction open on {@code dataSource}. */
  public static boolean inTransaction(DataSource dataSource) {
    return current(Objects.requireNonNull(dataSource, "dataSource")) != null;
  }

  /** The connection of this thread's transaction on {@code dataSource}, or {@code null}. */
  static Connection current(DataSource dataSource) {
    Map<DataSource, Transaction> active = ACTIVE.get();
    if (active == null) {
      return null;
    }
    Transaction transaction = active.get(dataSource);
    return transaction == null ? null : transaction.connection;
  }

  private static Transaction begin(DataSource dataSource) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new DataAccessException("opening a connection for a transaction", e);
    }
    try {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit && ExternalTransactions.isDeclared(dataSource)) {
        return new Transaction(connection, true, false);
      }
      // auto-commit off on any other data source: a plain pool's connection, ours to commit
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      return new Transaction(connection, false, autoCommit);
    } catch (SQLException e) {
      DataAccessException failure = new DataAccessException("beginning a transaction", e);
      close(connection, failure);
      throw failure;
    }
  }

  private static void commit(Connection connection) {
    try {
      connection.commit();
    } catch (SQLException e) {
      // the COMMIT was sent: a connection lost now may have lost only the answer
      throw DataAccessException.of("committing a transaction", e,
          DataAccessException.connectionLost(e));
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void end(Transaction transaction) {
    Connection connection = transaction.connection;
    if (transaction.autoCommitOnArrival) {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the pool resets or discards a connection it cannot reuse; closing below still returns it
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new DataAccessException("returning a transaction's connection", e);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new DataAccessException("returning a transaction's connection", e);
    }
  }

  private static void close(Connection connection, Throwable cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
