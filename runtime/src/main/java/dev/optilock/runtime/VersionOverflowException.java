package dev.optilock.runtime;
import dev.optilock.runtime.VersionOverflowException;

/**
 * The counter version of an entity reached the largest value of its type. The row is not written:
 * wrapping around to a small number could match an old copy and let a lost update through. Widen the
 * version field (from {@code int} to {@code long}) and the column.
 */
public class VersionOverflowException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which row, which version, and how to widen it
   */
  public VersionOverflowException(String message) {
    super(message);
  }
}
