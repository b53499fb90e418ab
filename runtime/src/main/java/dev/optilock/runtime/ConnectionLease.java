package dev.optilock.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * One repository call's use of a connection, from {@link Database#lease()}. Closing it gives back a
 * connection the lease opened and leaves a transaction's connection open for the next call.
 */
public final class ConnectionLease implements AutoCloseable {
  private final Connection connection;
  private final Dialect dialect;
  /** Whether this call controls the transaction (auto-commit, commit, rollback). */
  private final boolean owned;
  /** Whether closing the lease closes (gives back) the connection. */
  private final boolean release;
  /** Whether the connection came with auto-commit off, which closing the lease restores. */
  private final boolean arrivedWithAutoCommitOff;
  private boolean localTransaction;

  private ConnectionLease(
      Connection connection, Dialect dialect, boolean owned, boolean release,
      boolean arrivedWithAutoCommitOff) {
    this.connection = connection;
    this.dialect = dialect;
    this.owned = owned;
    this.release = release;
    this.arrivedWithAutoCommitOff = arrivedWithAutoCommitOff;
  }

  /** The connection of a caller's transaction ({@link Transactions}): used, left open. */
  static ConnectionLease joined(Connection connection, Dialect dialect) {
    return new ConnectionLease(connection, dialect, false, false, false);
  }

  /**
   * A connection that carries a transaction manager's transaction ({@link ExternalTransactions}):
   * used as it is, never committed, rolled back or reconfigured; closing the lease gives it back.
   */
  static ConnectionLease managed(Connection connection, Dialect dialect) {
    return new ConnectionLease(connection, dialect, false, true, false);
  }

  /**
   * A connection of the call's own, in auto-commit mode while the call runs: each statement
   * commits, and {@link #begin()} makes a local transaction. One that came with auto-commit off (a
   * plain pool configured so) gets it switched on now, and off again when the lease closes.
   */
  static ConnectionLease own(Connection connection, Dialect dialect) throws SQLException {
    boolean autoCommitOff = !connection.getAutoCommit();
    if (autoCommitOff) {
      connection.setAutoCommit(true);
    }
    return new ConnectionLease(connection, dialect, true, true, autoCommitOff);
  }

  /** The connection to run statements on. */
  public Connection connection() {
    return connection;
  }

  /** The dialect of the database behind the connection. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Prepares the statement written for this dialect's family: {@code ansi} for SQLite and
   * PostgreSQL, {@code mysql} for MariaDB/MySQL. Both are constants built by the processor.
   */
  public PreparedStatement prepare(String ansi, String mysql) throws SQLException {
    return connection.prepareStatement(dialect == Dialect.MARIADB ? mysql : ansi);
  }

  /**
   * Prepares an INSERT whose key the database generates, so that {@link
   * PreparedStatement#getGeneratedKeys()} gives it back: PostgreSQL returns just {@code idColumn},
   * SQLite and MariaDB their generated key.
   */
  public PreparedStatement prepareInsert(String ansi, String mysql, String idColumn)
      throws SQLException {
    return switch (dialect) {
      case POSTGRESQL -> connection.prepareStatement(ansi, new String[] {idColumn});
      case SQLITE -> connection.prepareStatement(ansi, Statement.RETURN_GENERATED_KEYS);
      case MARIADB -> connection.prepareStatement(mysql, Statement.RETURN_GENERATED_KEYS);
    };
  }

  /**
   * Whether {@code UPDATE ... RETURNING} gives back what the UPDATE stored: on PostgreSQL always
   * (its BEFORE triggers run first); on SQLite only when no trigger changes the row afterwards (its
   * RETURNING does not see AFTER triggers); never on MariaDB, which has no RETURNING for UPDATE.
   */
  public boolean updateReturnsStoredRow(boolean triggerMaintained) {
    return switch (dialect) {
      case POSTGRESQL -> true;
      case SQLITE -> !triggerMaintained;
      case MARIADB -> false;
    };
  }

  /**
   * Makes the rest of this call one transaction: a statement and the query that reads back its
   * result see the same row. Inside {@link Transactions} this is already so and nothing happens;
   * otherwise auto-commit is turned off until {@link #commit()} or {@link #close()} (which rolls
   * back what was not committed).
   */
  public void begin() throws SQLException {
    if (owned && !localTransaction) {
      connection.setAutoCommit(false);
      localTransaction = true;
    }
  }

  /**
   * A savepoint when this call runs inside a caller's transaction, so that a batch can undo its own
   * writes without touching the caller's; {@code null} otherwise (the local transaction of {@link
   * #begin()} serves).
   */
  public Savepoint savepointIfJoined() throws SQLException {
    return owned ? null : connection.setSavepoint();
  }

  /**
   * Undoes this call's writes: back to {@code savepoint} inside a caller's transaction, else the
   * whole local transaction.
   */
  public void rollbackTo(Savepoint savepoint) throws SQLException {
    if (savepoint != null) {
      connection.rollback(savepoint);
    } else if (localTransaction) {
      connection.rollback();
    }
  }

  /** Commits what {@link #begin()} started; nothing when the call runs in a caller's transaction. */
  public void commit() throws SQLException {
    if (localTransaction) {
      localTransaction = false;
      try {
        connection.commit();
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Gives the connection back when this lease opened it, rolling back a {@link #begin() local
   * transaction} that was not committed, and with auto-commit as it came; a caller's transaction
   * stays open.
   */
  @Override
  public void close() throws SQLException {
    if (!release) {
      return;
    }
    try {
      if (localTransaction) {
        localTransaction = false;
        try {
          connection.rollback();
        } finally {
          connection.setAutoCommit(true);
        }
      }
    } finally {
      try {
        if (arrivedWithAutoCommitOff) {
          connection.setAutoCommit(false);
        }
      } catch (SQLException ignored) {
        // the call's work is committed, or rolled back above: a pool resets (or discards) a
        // connection it gets back in another state, and closing below still returns it
      } finally {
        connection.close();
      }
    }
  }
}
