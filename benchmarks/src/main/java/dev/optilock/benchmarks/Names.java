package dev.optilock.benchmarks;

/** Constant strings for the modified column, so that no benchmark allocates a new one per call. */
public final class Names {
  private static final String[] NAMES = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"
  };

  private Names() {}

  /** A name that differs from the one written for the previous version. */
  public static String next(long version) {
    return NAMES[(int) (version & 7)];
  }
}
