package dev.optilock.samples.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Plain JDBC for tests, without any repository: what another program does to the tables, and the
 * independent check of what they hold.
 */
public final class PlainSql {
  private PlainSql() {}

  /** Runs {@code sql} as it is, without parameters (as a command line tool would); the row count. */
  public static int update(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /**
   * The first column of the one row {@code sql} selects with {@code parameters} bound, as the
   * driver's {@code getString}.
   *
   * @throws AssertionError when there is no row
   */
  public static String text(DataSource dataSource, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        if (!resultSet.next()) {
          throw new AssertionError("no row: " + sql);
        }
        return resultSet.getString(1);
      }
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }
}
