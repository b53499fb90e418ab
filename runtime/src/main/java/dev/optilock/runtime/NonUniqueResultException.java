package dev.optilock.runtime;

/**
 * A query declared to return one entity ({@code Optional<E>} or {@code E}) matched more than one
 * row. Nothing is returned rather than an arbitrary one of the rows: declare the method with a
 * {@code List<E>} return type, narrow its criteria, or use {@code findFirstBy…}.
 */
public class NonUniqueResultException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  /** @param message what was asked and how many rows came back */
  public NonUniqueResultException(String message) {
    super(message);
  }
}
