package dev.optilock.runtime;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/**
 * A database call failed for a reason other than a version conflict: a broken connection, a
 * constraint violation, a missing table. It wraps the driver's {@link SQLException}, whose SQL state
 * and vendor code are repeated here for convenience. A conflict is never reported with this type:
 * that is {@link RecordModifiedException}.
 *
 * <p>The message carries no bound value: it names the operation and the row's id, then the first
 * line of the driver's message with quoted values masked, without pgJDBC's batch statement text or
 * PostgreSQL's {@code Detail} line, then the SQLSTATE and vendor code, as in {@code insert of
 * Article[id=2] failed: ERROR: duplicate key value violates unique constraint "article_title_key"
 * (SQLSTATE 23505)}. The driver's exception stays attached as the {@link #getCause() cause}, with
 * its own text, which a logged stack trace prints.
 *
 * <p>When the connection was lost while a write that commits on its own (a repository call outside
 * a transaction) or a transaction's COMMIT was in flight, the database may have committed it before
 * the connection died (MariaDB finishes and commits an auto-commit statement that {@code KILL}
 * caught, then closes the socket without answering): {@link #outcomeUnknown()} is then true and the
 * message says so instead of "failed". See {@code docs/errors.md}, "When the outcome is unknown".
 */
public class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The first words of the operations, as generated repositories and {@link Batches} name them to
   * {@link Database#failure}, that write rows ({@code save} and {@code modify} report the {@code
   * insert} or {@code update} they ran).
   */
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "updateUnchecked",
      "updateWithoutIncrement", "updateAll", "deleteAll", "ifUnchanged");

  private final boolean outcomeUnknown;

  /**
   * @param message what was being done, for example {@code "update of Article[id=4]"}
   * @param cause the driver's exception, whose message is kept without values (see above)
   */
  public DataAccessException(String message, SQLException cause) {
    this(message, cause, false);
  }

  /**
   * @param outcomeUnknown whether the connection was lost while the write or COMMIT was in flight:
   *     see {@link #outcomeUnknown()}
   */
  DataAccessException(String message, SQLException cause, boolean outcomeUnknown) {
    super(message + (outcomeUnknown ? OUTCOME_UNKNOWN : " failed: ") + DriverMessage.of(cause)
        + (readOnlyServer(cause) ? READ_ONLY : ""), cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * The exception for {@code cause}: a {@link TransientDataAccessException} when {@code cause} is
   * {@link #isTransient transient} and the outcome is known, else a plain one.
   */
  static DataAccessException of(String message, SQLException cause, boolean outcomeUnknown) {
    return !outcomeUnknown && isTransient(cause)
        ? new TransientDataAccessException(message, cause)
        : new DataAccessException(message, cause, outcomeUnknown);
  }

  /** What the message adds when the write reached a read-only server. */
  static final String READ_ONLY = ": the statement reached a read-only server, which a replica or"
      + " standby is: send writes to the primary (ReadReplicas.of(primary, replicas) routes only"
      + " pure reads to replicas); it was not retried";

  /**
   * Whether {@code e} (or an exception chained to it) says that the database rolled the work back
   * because of a race, so that running it again is correct: SQLSTATE {@code 40001} or {@code
   * 40P01}, MariaDB/MySQL vendor code {@code 1213} or {@code 1205} (with a MariaDB/MySQL SQLSTATE),
   * a message of Galera's ("WSREP detected deadlock/conflict"), or a {@link
   * java.sql.SQLTransactionRollbackException} that is none of {@code 40002} (a constraint that
   * failed at COMMIT) and {@code 40003} (outcome unknown).
   */
  static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
        if ((sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)
            && (state == null || state.equals("40001") || state.equals("HY000")
                || state.startsWith("41"))) {
          return true;
        }
        String message = sql.getMessage();
        if (message != null && message.contains("WSREP detected deadlock/conflict")) {
          return true;
        }
        if (sql instanceof java.sql.SQLTransactionRollbackException
            && !"40002".equals(state) && !"40003".equals(state)) {
          return true;
        }
        if (sql.getNextException() != null && sql.getNextException() != sql
            && isTransient(sql.getNextException())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e} says that the statement wrote on a read-only server: SQLSTATE {@code 25006}
   * (PostgreSQL's "cannot execute UPDATE in a read-only transaction" on a hot standby), or MariaDB's
   * {@code 1290}/{@code 1836} about {@code --read-only}.
   */
  static boolean readOnlyServer(SQLException e) {
    SQLException source = e instanceof java.sql.BatchUpdateException && e.getNextException() != null
        ? e.getNextException()
        : e;
    for (SQLException sql : new SQLException[] {e, source}) {
      if ("25006".equals(sql.getSQLState()) || sql.getErrorCode() == 1836
          || (sql.getErrorCode() == 1290 && sql.getMessage() != null
              && sql.getMessage().contains("read-only"))) {
        return true;
      }
    }
    return false;
  }

  /** What the message says, after the operation, when {@link #outcomeUnknown()}. */
  static final String OUTCOME_UNKNOWN = ": outcome unknown: the connection was lost while the write"
      + " was in flight: it may or may not have been committed; re-read the row (findById, isChanged"
      + " or findByIdAndVersion) before retrying: ";

  /** For failures that have no {@link SQLException} behind them. */
  public DataAccessException(String message) {
    super(message);
    this.outcomeUnknown = false;
  }

  /** For failures caused by another exception. */
  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
    this.outcomeUnknown = false;
  }

  /**
   * Whether the database may have committed what the failed call wrote. True only when the
   * connection was lost (SQLSTATE class {@code 08}, a {@link SQLNonTransientConnectionException}
   * or {@link SQLRecoverableException}, PostgreSQL's {@code 57P01}-{@code 57P03}) while a
   * write that commits on its own (a repository call outside a transaction) or a transaction's
   * COMMIT ({@link Transactions}) was in flight: the server may have committed it just before the
   * connection died, and no client can tell. Re-read the row ({@code findById}, {@code isChanged},
   * {@code findByIdAndVersion}) before retrying: a blind retry of a compare-and-set update whose first
   * attempt did commit fails with a {@link RecordModifiedException} against its own write.
   *
   * <p>False means the database did not commit the call's writes: the statement got an error answer,
   * or the connection was lost inside a transaction before its COMMIT was sent (the server rolls an
   * open transaction back when its connection dies), or the call only read.
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * Whether {@code operation} (as in {@code "update of Article[id=4]"}) writes and {@code cause}
   * says that the connection was lost: then, outside a transaction, the outcome is unknown.
   */
  static boolean lostWrite(String operation, SQLException cause) {
    int space = operation.indexOf(' ');
    return WRITES.contains(space < 0 ? operation : operation.substring(0, space))
        && connectionLost(cause);
  }

  /**
   * Whether {@code e} (or an exception chained to it) says that the connection is gone: SQLSTATE
   * class {@code 08} (connection exception: MariaDB Connector/J's "Socket error", pgJDBC's {@code
   * 08006}), PostgreSQL's {@code 57P01}, {@code 57P02} and {@code 57P03} (the server terminated the
   * session), or the JDBC types for a connection that cannot go on.
   */
  static boolean connectionLost(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) {
          return true;
        }
        if (sql.getNextException() != null && sql.getNextException() != sql
            && connectionLost(sql.getNextException())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The SQLSTATE of the driver's exception, or {@code null}. */
  public String sqlState() {
    return getCause() instanceof SQLException e ? e.getSQLState() : null;
  }

  /** The vendor error code of the driver's exception, or {@code 0}. */
  public int vendorCode() {
    return getCause() instanceof SQLException e ? e.getErrorCode() : 0;
  }
}
