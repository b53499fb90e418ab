package dev.optilock.runtime.internal;

import dev.optilock.runtime.DataAccessException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Function;

/**
 * Binding and reading of the column types whose JDBC calls need a null check (boxed numbers, {@code
 * char}, enums). Generated code calls these; primitives go straight to {@code setLong}/{@code
 * getLong} and friends.
 */
public final class Columns {
  /**
   * Positions 1, 2, 3, ... at indexes 0, 1, 2, ...: where {@code Mapping.read(ResultSet, Dialect)} finds each column of a row selected in declaration order. As long as the most
   * columns a table can have on the supported databases (MariaDB's 4,096). Never written.
   */
  static final int[] IN_ORDER = new int[4096];

  static {
    for (int i = 0; i < IN_ORDER.length; i++) {
      IN_ORDER[i] = i + 1;
    }
  }

  private Columns() {}

  public static void setBoolean(PreparedStatement statement, int index, Boolean value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BOOLEAN);
    } else {
      statement.setBoolean(index, value);
    }
  }

  public static Boolean getBoolean(ResultSet resultSet, int index) throws SQLException {
    boolean value = resultSet.getBoolean(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setByte(PreparedStatement statement, int index, Byte value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.SMALLINT);
    } else {
      statement.setByte(index, value);
    }
  }

  public static Byte getByte(ResultSet resultSet, int index) throws SQLException {
    byte value = resultSet.getByte(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setShort(PreparedStatement statement, int index, Short value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.SMALLINT);
    } else {
      statement.setShort(index, value);
    }
  }

  public static Short getShort(ResultSet resultSet, int index) throws SQLException {
    short value = resultSet.getShort(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setInt(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  public static Integer getInt(ResultSet resultSet, int index) throws SQLException {
    int value = resultSet.getInt(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  public static Long getLong(ResultSet resultSet, int index) throws SQLException {
    long value = resultSet.getLong(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setFloat(PreparedStatement statement, int index, Float value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.REAL);
    } else {
      statement.setFloat(index, value);
    }
  }

  public static Float getFloat(ResultSet resultSet, int index) throws SQLException {
    float value = resultSet.getFloat(index);
    return resultSet.wasNull() ? null : value;
  }

  public static void setDouble(PreparedStatement statement, int index, Double value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  public static Double getDouble(ResultSet resultSet, int index) throws SQLException {
    double value = resultSet.getDouble(index);
    return resultSet.wasNull() ? null : value;
  }

  /** A {@code char} or {@link Character} is stored as a one-character string. */
  public static void setChar(PreparedStatement statement, int index, Character value)
      throws SQLException {
    statement.setString(index, value == null ? null : String.valueOf(value.charValue()));
  }

  /** Reads a one-character string; {@code null} for SQL NULL. */
  public static Character getChar(ResultSet resultSet, int index) throws SQLException {
    String text = resultSet.getString(index);
    if (text == null) {
      return null;
    }
    if (text.length() != 1) {
      throw unreadable(resultSet, index,
          "a char column holds a string of length " + text.length() + ", expected exactly 1", null);
    }
    return text.charAt(0);
  }

  /** Reads a one-character string into a primitive {@code char}; SQL NULL gives {@code '\0'}. */
  public static char getPrimitiveChar(ResultSet resultSet, int index) throws SQLException {
    Character value = getChar(resultSet, index);
    return value == null ? '\0' : value;
  }

  /** An enum is stored by its {@link Enum#name()}. */
  public static void setEnum(PreparedStatement statement, int index, Enum<?> value)
      throws SQLException {
    statement.setString(index, value == null ? null : value.name());
  }

  /**
   * Reads an enum stored by name, through the enum's own {@code valueOf} (no reflection).
   *
   * @throws DataAccessException when the column holds a name that is not a constant of the enum
   */
  public static <E extends Enum<E>> E getEnum(
      ResultSet resultSet, int index, Function<String, E> valueOf) throws SQLException {
    String name = resultSet.getString(index);
    if (name == null) {
      return null;
    }
    try {
      return valueOf.apply(name);
    } catch (IllegalArgumentException e) {
      throw unreadable(resultSet, index,
          "'" + name + "' is not a constant of the enum; the constants are written by their name()", null);
    }
  }

  /**
   * The error for a stored value that is no value of the column's Java type: {@code reading column
   * <name>: <problem>}.
   */
  public static DataAccessException unreadable(ResultSet resultSet, int index, String problem, Throwable cause)
      throws SQLException {
    return new DataAccessException(
        "reading column " + resultSet.getMetaData().getColumnName(index) + ": " + problem, cause);
  }
}
