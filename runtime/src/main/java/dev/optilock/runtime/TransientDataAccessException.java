package dev.optilock.runtime;

import java.sql.SQLException;

/**
 * A database call failed in a way that makes running the same work again correct: the database
 * rolled the work back because of a race with other transactions, and a new attempt may well
 * succeed. Nothing the failed work wrote was committed.
 *
 * <p>Classified as transient:
 *
 * <ul>
 *   <li>SQLSTATE {@code 40001} (serialization failure: PostgreSQL at REPEATABLE READ or
 *       SERIALIZABLE, a query on a PostgreSQL hot standby cancelled by a recovery conflict,
 *       CockroachDB's and YugabyteDB's retry errors, MariaDB's deadlock) and {@code 40P01}
 *       (PostgreSQL's deadlock);
 *   <li>MariaDB/MySQL vendor codes {@code 1213} (deadlock, which is also how Galera reports a
 *       certification failure or a brute-force abort: "WSREP detected deadlock/conflict") and {@code
 *       1205} (lock wait timeout);
 *   <li>the JDBC type {@link java.sql.SQLTransactionRollbackException}.
 * </ul>
 *
 * <p>{@code modify} retries these like conflicts, with the same {@link RetryPolicy}, and so do
 * {@link Transactions#run(javax.sql.DataSource, RetryPolicy, Runnable)} and {@link
 * Transactions#call(javax.sql.DataSource, RetryPolicy, java.util.function.Supplier)} for a whole
 * transaction. A failure whose {@link #outcomeUnknown() outcome is unknown} (a lost connection) is
 * never of this type: the work may have committed, and running it again could do it twice.
 */
public class TransientDataAccessException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being done, for example {@code "update of Article[id=4]"}
   * @param cause the driver's exception
   */
  public TransientDataAccessException(String message, SQLException cause) {
    super(message, cause, false);
    this.operation = message;
    Events.transientFailure(message, cause);
  }

  private final String operation;

  /** What was being done, as in {@code "update of Article[id=4]"}. */
  String operation() {
    return operation;
  }
}
