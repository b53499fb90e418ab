package dev.optilock.runtime;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.internal.Columns;
import dev.optilock.runtime.internal.SqliteTimes;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
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
 *
 * <p>No time passes through the JVM's default time zone or the session's: what is written and read
 * back is the same whatever {@code TimeZone.getDefault()} is, daylight-saving gaps and overlaps
 * included.
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
      statement.setString(index, value == null ? null : SqliteTimes.text(value));
    }

    @Override
    public LocalDateTime getLocalDateTime(ResultSet resultSet, int index) throws SQLException {
      return (LocalDateTime) readSqliteTime(resultSet, index, LocalDateTime.class);
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value)
        throws SQLException {
      statement.setString(index, value == null ? null : SqliteTimes.text(value));
    }

    @Override
    public Instant getInstant(ResultSet resultSet, int index) throws SQLException {
      return (Instant) readSqliteTime(resultSet, index, Instant.class);
    }

    @Override
    public void setOffsetDateTime(PreparedStatement statement, int index, OffsetDateTime value)
        throws SQLException {
      statement.setString(index, value == null ? null : SqliteTimes.text(value));
    }

    @Override
    public OffsetDateTime getOffsetDateTime(ResultSet resultSet, int index) throws SQLException {
      return (OffsetDateTime) readSqliteTime(resultSet, index, OffsetDateTime.class);
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

    /**
     * Reads a {@code DATETIME} exactly as stored. Connector/J's own {@code getObject(index,
     * LocalDateTime.class)} (and {@code getString}) pass the value through the JVM's default time
     * zone, which moves a time inside a daylight-saving gap of that zone by an hour: {@code
     * 2026-03-08 02:30:00} reads as 03:30 in {@code America/New_York}, and with {@code
     * preserveInstants=true} every value moves. Read through a UTC calendar instead, which has no
     * gaps, the fields come back unchanged whatever the JVM zone and connection options.
     */
    @Override
    public LocalDateTime getLocalDateTime(ResultSet resultSet, int index) throws SQLException {
      Timestamp value = resultSet.getTimestamp(index, UTC_CALENDAR.get());
      return value == null ? null : LocalDateTime.ofInstant(value.toInstant(), ZoneOffset.UTC);
    }

    @Override
    public char quote() {
      return '`';
    }
  };

  /**
   * A proleptic Gregorian calendar in UTC, per thread (the driver fills it in): a zone without
   * daylight saving, and the same calendar as {@code java.time} even before 1582.
   */
  private static final ThreadLocal<Calendar> UTC_CALENDAR =
      ThreadLocal.withInitial(
          () -> {
            GregorianCalendar calendar =
                new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
            calendar.setGregorianChange(new Date(Long.MIN_VALUE));
            return calendar;
          });

  /** Reads a SQLite time column as a {@code type}; see {@link SqliteTimes#parse}. */
  private static Object readSqliteTime(ResultSet resultSet, int index, Class<?> type)
      throws SQLException {
    String text = resultSet.getString(index);
    if (text == null) {
      return null;
    }
    try {
      return SqliteTimes.parse(text, type);
    } catch (DateTimeException e) {
      throw Columns.unreadable(
          resultSet,
          index,
          "'"
              + text
              + "' cannot be read as "
              + type.getSimpleName()
              + "; optilock writes "
              + SqliteTimes.text(EXAMPLES.get(type))
              + " and also reads the form 2026-03-29 02:30:00[.ffffff]"
              + (type == LocalDateTime.class ? " (without an offset)" : "[+hh:mm]"),
          e);
    }
  }

  private static final Map<Class<?>, Object> EXAMPLES =
      Map.of(
          LocalDateTime.class, LocalDateTime.of(2026, 3, 29, 2, 30, 0, 123_456_000),
          Instant.class, Instant.parse("2026-03-29T02:30:00.123456Z"),
          OffsetDateTime.class, OffsetDateTime.parse("2026-03-29T02:30:00.123456+02:00"));

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
