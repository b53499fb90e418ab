package dev.optilock.runtime;

/** Counter arithmetic for generated repositories: the next version, never a wrap-around. */
public final class Versions {
  private Versions() {}

  /**
   * The version after {@code current}.
   *
   * @throws VersionOverflowException when {@code current} is {@link Integer#MAX_VALUE}
   */
  public static int next(int current) {
    if (current == Integer.MAX_VALUE) {
      throw new VersionOverflowException(
          "version " + current + " is the largest int; widen the version field and column to long");
    }
    return current + 1;
  }

  /**
   * The version after {@code current}.
   *
   * @throws VersionOverflowException when {@code current} is {@link Long#MAX_VALUE}
   */
  public static long next(long current) {
    if (current == Long.MAX_VALUE) {
      throw new VersionOverflowException("version " + current + " is the largest long");
    }
    return current + 1;
  }

  /**
   * The error for an update or delete of an entity that was never saved: its version holds the
   * unsaved default ({@code 0}, or {@code null} for a boxed version). Generated code throws it before
   * touching the database.
   */
  public static IllegalArgumentException notSaved(Class<?> entityType, Object id, Object version) {
    return new IllegalArgumentException(
        entityType.getSimpleName()
            + "[id="
            + id
            + "] has version "
            + version
            + ", which means it was never saved: insert or save it first");
  }
}
