package dev.optilock.runtime;

import java.sql.SQLException;

/**
 * A database call failed for a reason other than a version conflict: a broken connection, a
 * constraint violation, a missing table. It wraps the driver's {@link SQLException}, whose SQL state
 * and vendor code are repeated here for convenience. A conflict is never reported with this type:
 * that is {@link RecordModifiedException}.
 */
public class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being done, for example {@code "update of Article[id=4]"}
   * @param cause the driver's exception
   */
  public DataAccessException(String message, SQLException cause) {
    super(message + " failed: " + cause.getMessage(), cause);
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
