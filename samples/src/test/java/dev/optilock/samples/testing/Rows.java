package dev.optilock.samples.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The tests' independent oracle: reads (and, where a test sets a row up by hand, writes) rows with
 * plain JDBC and SQL written in the test, never through a generated repository or optilock's
 * runtime.
 *
 * <p>The decoders spell out, per database, how the end-to-end schemas store a value ({@code
 * docs/types.md}): SQLite keeps UUIDs and times as text, PostgreSQL has {@code uuid} and {@code
 * timestamptz}, MariaDB keeps UUIDs as {@code CHAR(36)} and instants as UTC {@code DATETIME(6)}.
 */
public final class Rows {
  private Rows() {}

  /** Reads one row of a result set into a value. */
  @FunctionalInterface
  public interface Reader<R> {
    R read(ResultSet row) throws SQLException;
  }

  /** Every row {@code sql} returns, each read by {@code reader}, on a connection of its own. */
  public static <R> List<R> query(DataSource dataSource, String sql, Reader<R> reader) {
    List<R> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      while (resultSet.next()) {
        rows.add(reader.read(resultSet));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading with plain JDBC: " + sql, e);
    }
    return rows;
  }

  /** Runs one statement with plain JDBC; returns its update count. */
  public static int execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("writing with plain JDBC: " + sql, e);
    }
  }

  /** {@code identifier} quoted for {@code db}: backticks on MariaDB, double quotes elsewhere. */
  public static String quote(TestDatabase db, String identifier) {
    char q = db == TestDatabase.MARIADB ? '`' : '"';
    return q + identifier + q;
  }

  /** A UUID column: PostgreSQL's {@code uuid}, or the 36-character text form elsewhere. */
  public static UUID uuid(TestDatabase db, ResultSet row, int column) throws SQLException {
    if (db == TestDatabase.POSTGRESQL) {
      return row.getObject(column, UUID.class);
    }
    String text = row.getString(column);
    return text == null ? null : UUID.fromString(text);
  }

  /**
   * An instant column: PostgreSQL's {@code timestamptz}, MariaDB's {@code DATETIME(6)} holding UTC
   * wall-clock time, or SQLite's ISO-8601 text with an offset ({@code ...Z} for an Instant, {@code
   * +02:00} for an OffsetDateTime, which this reads as the instant it names).
   */
  public static Instant instant(TestDatabase db, ResultSet row, int column) throws SQLException {
    switch (db) {
      case POSTGRESQL -> {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      }
      case MARIADB -> {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
      }
      default -> {
        String text = row.getString(column);
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
      }
    }
  }

  /** A date-time column without a zone: {@code timestamp}, {@code DATETIME(6)} or ISO-8601 text. */
  public static LocalDateTime localDateTime(TestDatabase db, ResultSet row, int column)
      throws SQLException {
    if (db == TestDatabase.SQLITE) {
      String text = row.getString(column);
      return text == null ? null : LocalDateTime.parse(text);
    }
    return row.getObject(column, LocalDateTime.class);
  }
}
