package dev.optilock.samples.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server of the tests, as the samples' {@code TestDatabase} finds it: {@code
 * OPTILOCK_PG_URL}, {@code OPTILOCK_PG_USER} and {@code OPTILOCK_PG_PASSWORD}, else {@code
 * 127.0.0.1:5432/test} as {@code postgres}. Each test JVM gets a schema of its own, so that runs never
 * see each other's tables. Without a server the tests skip, except under CI ({@code CI} set to
 * anything but empty or {@code false}), where they run and fail.
 */
final class Postgres {
  static final String URL = env("OPTILOCK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = env("OPTILOCK_PG_USER", "postgres");
  static final String PASSWORD = env("OPTILOCK_PG_PASSWORD", "");
  static final String SCHEMA = "optilock_boot_" + ProcessHandle.current().pid() + "_"
      + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));

  private Postgres() {}

  /** For {@code @EnabledIf}: whether the server answers, or CI requires it to. */
  static boolean availableOrRequired() {
    if (ci()) {
      return true;
    }
    try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
      return true;
    } catch (SQLException e) {
      System.err.println("PostgreSQL tests skipped: " + e.getMessage() + ". Start PostgreSQL on"
          + " 127.0.0.1:5432 or set OPTILOCK_PG_URL, OPTILOCK_PG_USER and OPTILOCK_PG_PASSWORD");
      return false;
    }
  }

  /** The JDBC URL of this JVM's schema, after creating it. */
  static String createSchema() {
    execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
  }

  static void dropSchema() {
    execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on " + URL + " failed (CI=" + System.getenv("CI")
          + ")", e);
    }
  }

  /** The rule of the samples' {@code testing.Ci}. */
  static boolean ci() {
    String value = System.getenv("CI");
    return value != null && !value.isBlank()
        && !value.strip().toLowerCase(Locale.ROOT).equals("false");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
