package dev.optilock.processor;

import java.util.Locale;

/**
 * Whether the tests run under CI: the {@code CI} environment variable is set to anything but an
 * empty value or {@code false} (in any case). GitHub Actions, GitLab and this project's {@code
 * .ci/run} set {@code CI=true}, others {@code CI=1} or {@code CI=yes}. The samples' tests use the
 * same rule ({@code dev.optilock.samples.testing.Ci}).
 */
final class Ci {
  private Ci() {}

  /** Whether {@code value}, a value of {@code CI}, means CI. */
  static boolean on(String value) {
    return value != null && !value.isBlank() && !value.strip().toLowerCase(Locale.ROOT).equals("false");
  }

  /** Whether this JVM runs under CI. */
  static boolean on() {
    return on(System.getenv("CI"));
  }
}
