package dev.optilock.runtime;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases optilock speaks, and how each stores the column types that have no single JDBC
 * mapping. Detected once per {@code DataSource} from {@link java.sql.DatabaseMetaData} (see {@link
 * Database}); generated code passes values through these methods so that one generated repository
 * works on all of them.
 *
 * <p>The full mapping table is in {@code docs/types.md}. In short: SQLite keeps UUIDs, dates, times
 * and decimals as exact, sortable text; PostgreSQL uses its native {@code uuid}, {@code date}, {@code
 * timestamp}, {@code timestamptz} and {@code numeric}; MariaDB uses {@code CHAR(36)}, {@code DATE},
 * {@code DATETIME(6)} (instants in UTC) and {@code DECIMAL}. PostgreSQL and MariaDB keep
 * microseconds, so finer values are truncated to microseconds before they are bound.
 */
public enum Dialect {
  /** SQLite 3.39 or newer (conditional versions use IS DISTINCT FROM), through xerial's sqlite-jdbc. */
  SQLITE {
    @Override
    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
      statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    public UUID getUuid(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : UUID.fromString(text);
    }

    @Override
    public void setBigDecimal(PreparedStatement statement, int index, BigDecimal value)
        throws SQLException {
      // TEXT keeps the exact digits and scale; SQLite's NUMERIC affinity would turn 1.10 into 1.1.
      statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    public BigDecimal getBigDecimal(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : new BigDecimal(text);
    }

    @Override
    public void setLocalDate(PreparedStatement statement, int index, LocalDate value)
        throws SQLException {
      statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    public LocalDate getLocalDate(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : LocalDate.parse(text);
    }

    @Override
    public void setLocalDateTime(PreparedStatement statement, int index, LocalDateTime value)
        throws SQLException {
      statement.setString(index, value == null ? null : SQLITE_LOCAL.format(value));
    }

    @Override
    public LocalDateTime getLocalDateTime(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : LocalDateTime.parse(isoT(text));
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value)
        throws SQLException {
      statement.setString(
          index, value == null ? null : SQLITE_LOCAL.format(value.atOffset(ZoneOffset.UTC)) + "Z");
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      if (text == null) {
        return null;
      }
      String iso = isoT(text);
      return iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10
          ? OffsetDateTime.parse(iso).toInstant()
          : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    @Override
    public void setOffsetDateTime(PreparedStatement statement, int index, OffsetDateTime value)
        throws SQLException {
      statement.setString(index, value == null ? null : SQLITE_OFFSET.format(value));
    }

    @Override
    public OffsetDateTime getOffsetDateTime(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : OffsetDateTime.parse(isoT(text));
    }

    @Override
    public char quote() {
      return '"';
    }
  },

  /** PostgreSQL (and engines that speak its protocol), through pgJDBC. */
  POSTGRESQL {
    @Override
    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.OTHER);
      } else {
        statement.setObject(index, value);
      }
    }

    @Override
    public UUID getUuid(ResultSet resultSet, int index) throws SQLException {
      return resultSet.getObject(index, UUID.class);
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value)
        throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(index, micros(value).atOffset(ZoneOffset.UTC));
      }
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
      OffsetDateTime value = resultSet.getObject(index, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }

    @Override
    public void setOffsetDateTime(PreparedStatement statement, int index, OffsetDateTime value)
        throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(index, value.truncatedTo(ChronoUnit.MICROS));
      }
    }

    @Override
    public OffsetDateTime getOffsetDateTime(ResultSet resultSet, int index) throws SQLException {
      return resultSet.getObject(index, OffsetDateTime.class);
    }

    @Override
    public char quote() {
      return '"';
    }
  },

  /** MariaDB 10.6 or newer and MySQL 8, through MariaDB Connector/J. */
  MARIADB {
    @Override
    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
      statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    public UUID getUuid(ResultSet resultSet, int index) throws SQLException {
      String text = resultSet.getString(index);
      return text == null ? null : UUID.fromString(text);
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value)
        throws SQLException {
      // DATETIME(6) has no zone: store UTC wall-clock time, independent of the session time zone.
      setLocalDateTime(
          statement, index, value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
      LocalDateTime value = getLocalDateTime(resultSet, index);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public void setOffsetDateTime(PreparedStatement statement, int index, OffsetDateTime value)
        throws SQLException {
      setInstant(statement, index, value == null ? null : value.toInstant());
    }

    @Override
    public OffsetDateTime getOffsetDateTime(ResultSet resultSet, int index) throws SQLException {
      Instant value = getInstant(resultSet, index);
      return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }

    @Override
    public char quote() {
      return '`';
    }
  };

  private static final DateTimeFormatter SQLITE_LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter SQLITE_OFFSET =
      new DateTimeFormatterBuilder()
          .append(SQLITE_LOCAL)
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT);

  /** SQLite's own functions write {@code 2024-05-01 10:00:00}; ISO parsers want a {@code T}. */
  private static String isoT(String text) {
    return text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11)
        : text;
  }

  private static Instant micros(Instant value) {
    return value.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Finds the dialect of a live connection from its metadata.
   *
   * @throws DataAccessException naming the product when it is not one optilock supports
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    throw new DataAccessException(
        "optilock does not support the database '"
            + product
            + "'; supported are SQLite, PostgreSQL and MariaDB/MySQL");
  }

  /** The identifier quote of this dialect: {@code "} or, on MariaDB/MySQL, a backtick. */
  public abstract char quote();

  /** Binds a UUID (or SQL NULL). */
  public abstract void setUuid(PreparedStatement statement, int index, UUID value)
      throws SQLException;

  /** Reads a UUID (or {@code null}). */
  public abstract UUID getUuid(ResultSet resultSet, int index) throws SQLException;

  /** Binds an instant (or SQL NULL). */
  public abstract void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException;

  /** Reads an instant (or {@code null}). */
  public abstract Instant getInstant(ResultSet resultSet, int index) throws SQLException;

  /** Binds an offset date-time (or SQL NULL). */
  public abstract void setOffsetDateTime(
      PreparedStatement statement, int index, OffsetDateTime value) throws SQLException;

  /** Reads an offset date-time (or {@code null}). */
  public abstract OffsetDateTime getOffsetDateTime(ResultSet resultSet, int index)
      throws SQLException;

  /** Binds a decimal (or SQL NULL). */
  public void setBigDecimal(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    statement.setBigDecimal(index, value);
  }

  /** Reads a decimal (or {@code null}). */
  public BigDecimal getBigDecimal(ResultSet resultSet, int index) throws SQLException {
    return resultSet.getBigDecimal(index);
  }

  /** Binds a date (or SQL NULL). */
  public void setLocalDate(PreparedStatement statement, int index, LocalDate value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DATE);
    } else {
      statement.setObject(index, value);
    }
  }

  /** Reads a date (or {@code null}). */
  public LocalDate getLocalDate(ResultSet resultSet, int index) throws SQLException {
    return resultSet.getObject(index, LocalDate.class);
  }

  /** Binds a local date-time (or SQL NULL), truncated to microseconds. */
  public void setLocalDateTime(PreparedStatement statement, int index, LocalDateTime value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP);
    } else {
      statement.setObject(index, value.truncatedTo(ChronoUnit.MICROS));
    }
  }

  /** Reads a local date-time (or {@code null}). */
  public LocalDateTime getLocalDateTime(ResultSet resultSet, int index) throws SQLException {
    return resultSet.getObject(index, LocalDateTime.class);
  }
}
