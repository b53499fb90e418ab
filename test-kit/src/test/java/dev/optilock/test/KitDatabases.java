package dev.optilock.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL and MariaDB servers of the kit's own tests (the samples' {@code TestDatabase}
 * lives in another module). Tables are named {@code testkit_...} plus this JVM's id, so that
 * parallel runs never meet; an unreachable server skips the test, or fails it when {@code CI} is
 * set.
 */
final class KitDatabases {
  static final String RUN = "_" + ProcessHandle.current().pid();

  private KitDatabases() {}

  static DataSource postgresql() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(env("OPTILOCK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    dataSource.setUser(env("OPTILOCK_PG_USER", "postgres"));
    dataSource.setPassword(env("OPTILOCK_PG_PASSWORD", ""));
    return reachable(dataSource, "PostgreSQL");
  }

  static DataSource mariadb() {
    try {
      MariaDbDataSource dataSource = new MariaDbDataSource(
          env("OPTILOCK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/") + "test");
      dataSource.setUser(env("OPTILOCK_MARIADB_USER", "root"));
      dataSource.setPassword(env("OPTILOCK_MARIADB_PASSWORD", ""));
      return reachable(dataSource, "MariaDB");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs each statement on its own connection, auto-commit on. */
  static void execute(DataSource dataSource, String... sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  private static DataSource reachable(DataSource dataSource, String name) {
    try (Connection ignored = dataSource.getConnection()) {
      return dataSource;
    } catch (SQLException e) {
      String message = name + " is not reachable: " + e.getMessage();
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
        Assertions.fail("CI requires every database. " + message);
      }
      Assumptions.abort(message);
      return null;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
