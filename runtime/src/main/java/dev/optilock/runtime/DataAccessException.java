package dev.optilock.runtime;

import java.sql.SQLException;

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
 */
public class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being done, for example {@code "update of Article[id=4]"}
   * @param cause the driver's exception, whose message is kept without values (see above)
   */
  public DataAccessException(String message, SQLException cause) {
    super(message + " failed: " + DriverMessage.of(cause), cause);
  }

  /** For failures that have no {@link SQLException} behind them. */
  public DataAccessException(String message) {
    super(message);
  }

  /** For failures caused by another exception. */
  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
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
