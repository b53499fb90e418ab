package dev.optilock.samples.testing;

import java.util.Locale;

/**
 * Whether the tests run under CI: the {@code CI} environment variable is set to anything but an
 * empty value or {@code false} (in any case). GitHub Actions, GitLab and this project's {@code
 * .ci/run} set {@code CI=true}, others {@code CI=1} or {@code CI=yes}. Under CI a test that would
 * otherwise skip for want of a database or a browser fails instead ({@link TestDatabase}, {@code
 * web.Chromium}). The processor's golden-file test uses the same rule ({@code
 * dev.optilock.processor.Ci}).
 */
public final class Ci {
  private Ci() {}

  /** Whether {@code value}, a value of {@code CI}, means CI. */
  public static boolean on(String value) {
    return value != null && !value.isBlank() && !value.strip().toLowerCase(Locale.ROOT).equals("false");
  }

  /** Whether this JVM runs under CI. */
  public static boolean on() {
    return on(System.getenv("CI"));
  }

  /** The CI variable as set, for messages. */
  public static String describe() {
    return "CI=" + System.getenv("CI");
  }
}
