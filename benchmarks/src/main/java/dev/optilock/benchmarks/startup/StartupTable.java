package dev.optilock.benchmarks.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What every start-up program does before its library's first update, with plain JDBC: make sure
 * {@code bench_item} exists and holds row 1 at version 1.
 */
final class StartupTable {
  private StartupTable() {}

  static void prepare(DataSource dataSource, boolean sqlite) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS bench_item (id "
              + (sqlite ? "INTEGER" : "BIGINT")
              + " PRIMARY KEY, name VARCHAR(100) NOT NULL, amount BIGINT NOT NULL,"
              + " version BIGINT NOT NULL)");
      statement.execute("DELETE FROM bench_item WHERE id = 1");
      statement.execute("INSERT INTO bench_item (id, name, amount, version) VALUES (1, 'alpha', 0, 1)");
    }
  }
}
