package dev.optilock.runtime.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The parameters of many rows of one statement, recorded column by column: the batch path of
 * PostgreSQL hands each row to the same binder that binds {@code update} or {@code delete} (the
 * mapping's typed setters, with converters applied), here instead of to a driver's statement, and
 * then sends each parameter as one array ({@code unnest(?::int8[], ?::varchar[], ...)}), so that
 * one statement writes every row. Not for users; may change in any release.
 *
 * <p>It records the setters optilock's binders use ({@code setLong}, {@code setString}, {@code
 * setObject} of a {@code UUID} or a {@code java.time} value, {@code setNull}, ...) and the
 * PostgreSQL type the driver would have sent for each; every other method of {@link
 * PreparedStatement} throws {@link UnsupportedOperationException}, and so does a value that has no
 * exact text form in an array (a date outside years 1 to 9999, an offset with seconds) or a
 * parameter bound with two types: the caller then runs those rows as a JDBC batch instead.
 */
public final class ArrayRows implements PreparedStatement {
  /** The PostgreSQL type of an array's elements: what the driver sends for one value. */
  public enum ElementType {
    INT8, INT4, INT2, BOOL, FLOAT4, FLOAT8, VARCHAR, NUMERIC, UUID, DATE, TIMESTAMP, TIMESTAMPTZ,
    BYTEA;

    /** The type's name in SQL. */
    public String sqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final int capacity;
  /** By parameter (0-based): the value of each row. */
  private final List<Object[]> values = new ArrayList<>();
  /** By parameter: the element type of its values, or of its nulls when all are null. */
  private final List<ElementType> types = new ArrayList<>();
  private final List<ElementType> nullTypes = new ArrayList<>();
  private int row;

  /**
   * @param capacity the number of rows to record
   */
  public ArrayRows(int capacity) {
    this.capacity = capacity;
  }

  /** Ends the current row: the next setter calls bind the next one. */
  public void endRow() {
    row++;
  }

  /** How many rows were ended. */
  public int rows() {
    return row;
  }

  /** How many parameters the rows bind. */
  public int parameters() {
    return values.size();
  }

  /**
   * The element type of each parameter's array.
   *
   * @throws UnsupportedOperationException when a parameter holds only nulls of a type the driver
   *     would have left to the server to infer
   */
  public ElementType[] elementTypes() {
    ElementType[] result = new ElementType[values.size()];
    for (int p = 0; p < result.length; p++) {
      ElementType type = types.get(p) != null ? types.get(p) : nullTypes.get(p);
      if (type == null) {
        throw unsupported("a parameter that is null in every row, of no declared type");
      }
      result[p] = type;
    }
    return result;
  }

  /** Parameter {@code parameter}'s values (0-based) as a PostgreSQL array of {@code type}. */
  public Array array(Connection connection, int parameter, ElementType type) throws SQLException {
    Object[] column = values.get(parameter);
    Object[] elements = switch (type) {
      case INT8 -> new Long[row];
      case INT4 -> new Integer[row];
      case INT2 -> new Short[row];
      case BOOL -> new Boolean[row];
      case FLOAT4 -> new Float[row];
      case FLOAT8 -> new Double[row];
      default -> new String[row];
    };
    for (int r = 0; r < row; r++) {
      elements[r] = element(column[r]);
    }
    return connection.createArrayOf(type.sqlName(), elements);
  }

  /** The element for an array: numbers, booleans and text as they are, other values as text. */
  private static Object element(Object value) {
    if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value == null || value instanceof Number || value instanceof Boolean
        || value instanceof String) {
      return value;
    }
    return value.toString(); // UUID, LocalDate, LocalDateTime, OffsetDateTime, checked when set
  }

  private void set(int index, Object value, ElementType type) {
    if (index < 1 || row >= capacity) {
      throw unsupported("parameter " + index + " of row " + row);
    }
    int p = index - 1;
    while (values.size() <= p) {
      values.add(new Object[capacity]);
      types.add(null);
      nullTypes.add(null);
    }
    if (type != null && value != null) {
      ElementType known = types.get(p);
      if (known != null && known != type) {
        throw unsupported("parameter " + index + " bound as " + known + " and as " + type);
      }
      types.set(p, type);
    } else if (type != null) {
      nullTypes.set(p, type);
    }
    values.get(p)[row] = value;
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("not recorded for an array: " + what);
  }

  /** A date whose ISO text PostgreSQL reads as the same date: years 1 to 9999. */
  private static boolean plainYear(int year) {
    return year >= 1 && year <= 9999;
  }

  @Override
  public void setBoolean(int index, boolean value) {
    set(index, value, ElementType.BOOL);
  }

  @Override
  public void setByte(int index, byte value) {
    set(index, (short) value, ElementType.INT2);
  }

  @Override
  public void setShort(int index, short value) {
    set(index, value, ElementType.INT2);
  }

  @Override
  public void setInt(int index, int value) {
    set(index, value, ElementType.INT4);
  }

  @Override
  public void setLong(int index, long value) {
    set(index, value, ElementType.INT8);
  }

  @Override
  public void setFloat(int index, float value) {
    set(index, value, ElementType.FLOAT4);
  }

  @Override
  public void setDouble(int index, double value) {
    set(index, value, ElementType.FLOAT8);
  }

  @Override
  public void setString(int index, String value) {
    set(index, value, ElementType.VARCHAR);
  }

  @Override
  public void setBytes(int index, byte[] value) {
    set(index, value, ElementType.BYTEA);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal value) {
    set(index, value, ElementType.NUMERIC);
  }

  @Override
  public void setNull(int index, int sqlType) {
    ElementType type = switch (sqlType) {
      case Types.BIGINT -> ElementType.INT8;
      case Types.INTEGER -> ElementType.INT4;
      case Types.SMALLINT, Types.TINYINT -> ElementType.INT2;
      case Types.BOOLEAN, Types.BIT -> ElementType.BOOL;
      case Types.REAL -> ElementType.FLOAT4;
      case Types.DOUBLE, Types.FLOAT -> ElementType.FLOAT8;
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> ElementType.VARCHAR;
      case Types.NUMERIC, Types.DECIMAL -> ElementType.NUMERIC;
      case Types.DATE -> ElementType.DATE;
      case Types.TIMESTAMP -> ElementType.TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> ElementType.TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> ElementType.BYTEA;
      default -> null; // Types.OTHER: the type comes from the rows that are not null
    };
    set(index, null, type);
  }

  @Override
  public void setObject(int index, Object value) {
    if (value == null) {
      set(index, null, null);
    } else if (value instanceof UUID) {
      set(index, value, ElementType.UUID);
    } else if (value instanceof LocalDate date && plainYear(date.getYear())) {
      set(index, value, ElementType.DATE);
    } else if (value instanceof LocalDateTime dateTime && plainYear(dateTime.getYear())) {
      set(index, value, ElementType.TIMESTAMP);
    } else if (value instanceof OffsetDateTime dateTime && plainYear(dateTime.getYear())
        && dateTime.getOffset().getTotalSeconds() % 60 == 0) {
      set(index, value, ElementType.TIMESTAMPTZ);
    } else {
      throw unsupported("setObject of " + value.getClass().getName() + " " + value);
    }
  }

  @Override
  public void clearParameters() {
    // the values of the current row are replaced by the next setter calls
  }

  @Override
  public void close() {}

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }

  // ---- the rest of PreparedStatement: not what a binder calls ----

  @Override
  public boolean execute() {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(String a0) {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(String a0, int a1) {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(String a0, int[] a1) {
    throw unsupported("execute");
  }

  @Override
  public boolean execute(String a0, String[] a1) {
    throw unsupported("execute");
  }

  @Override
  public boolean getMoreResults() {
    throw unsupported("getMoreResults");
  }

  @Override
  public boolean getMoreResults(int a0) {
    throw unsupported("getMoreResults");
  }

  @Override
  public boolean isCloseOnCompletion() {
    throw unsupported("isCloseOnCompletion");
  }

  @Override
  public boolean isPoolable() {
    throw unsupported("isPoolable");
  }

  @Override
  public int executeUpdate() {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(String a0) {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(String a0, int a1) {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(String a0, int[] a1) {
    throw unsupported("executeUpdate");
  }

  @Override
  public int executeUpdate(String a0, String[] a1) {
    throw unsupported("executeUpdate");
  }

  @Override
  public int getFetchDirection() {
    throw unsupported("getFetchDirection");
  }

  @Override
  public int getFetchSize() {
    throw unsupported("getFetchSize");
  }

  @Override
  public int getMaxFieldSize() {
    throw unsupported("getMaxFieldSize");
  }

  @Override
  public int getMaxRows() {
    throw unsupported("getMaxRows");
  }

  @Override
  public int getQueryTimeout() {
    throw unsupported("getQueryTimeout");
  }

  @Override
  public int getResultSetConcurrency() {
    throw unsupported("getResultSetConcurrency");
  }

  @Override
  public int getResultSetHoldability() {
    throw unsupported("getResultSetHoldability");
  }

  @Override
  public int getResultSetType() {
    throw unsupported("getResultSetType");
  }

  @Override
  public int getUpdateCount() {
    throw unsupported("getUpdateCount");
  }

  @Override
  public int[] executeBatch() {
    throw unsupported("executeBatch");
  }

  @Override
  public Connection getConnection() {
    throw unsupported("getConnection");
  }

  @Override
  public ParameterMetaData getParameterMetaData() {
    throw unsupported("getParameterMetaData");
  }

  @Override
  public ResultSet executeQuery() {
    throw unsupported("executeQuery");
  }

  @Override
  public ResultSet executeQuery(String a0) {
    throw unsupported("executeQuery");
  }

  @Override
  public ResultSet getGeneratedKeys() {
    throw unsupported("getGeneratedKeys");
  }

  @Override
  public ResultSet getResultSet() {
    throw unsupported("getResultSet");
  }

  @Override
  public ResultSetMetaData getMetaData() {
    throw unsupported("getMetaData");
  }

  @Override
  public SQLWarning getWarnings() {
    throw unsupported("getWarnings");
  }

  @Override
  public void addBatch() {
    throw unsupported("addBatch");
  }

  @Override
  public void addBatch(String a0) {
    throw unsupported("addBatch");
  }

  @Override
  public void cancel() {
    throw unsupported("cancel");
  }

  @Override
  public void clearBatch() {
    throw unsupported("clearBatch");
  }

  @Override
  public void clearWarnings() {
    throw unsupported("clearWarnings");
  }

  @Override
  public void closeOnCompletion() {
    throw unsupported("closeOnCompletion");
  }

  @Override
  public void setArray(int a0, Array a1) {
    throw unsupported("setArray");
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1) {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, int a2) {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, long a2) {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1) {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, int a2) {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, long a2) {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBlob(int a0, InputStream a1) {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int a0, InputStream a1, long a2) {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int a0, Blob a1) {
    throw unsupported("setBlob");
  }

  @Override
  public void setCharacterStream(int a0, Reader a1) {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, int a2) {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, long a2) {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setClob(int a0, Reader a1) {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int a0, Reader a1, long a2) {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int a0, Clob a1) {
    throw unsupported("setClob");
  }

  @Override
  public void setCursorName(String a0) {
    throw unsupported("setCursorName");
  }

  @Override
  public void setDate(int a0, Date a1) {
    throw unsupported("setDate");
  }

  @Override
  public void setDate(int a0, Date a1, Calendar a2) {
    throw unsupported("setDate");
  }

  @Override
  public void setEscapeProcessing(boolean a0) {
    throw unsupported("setEscapeProcessing");
  }

  @Override
  public void setFetchDirection(int a0) {
    throw unsupported("setFetchDirection");
  }

  @Override
  public void setFetchSize(int a0) {
    throw unsupported("setFetchSize");
  }

  @Override
  public void setMaxFieldSize(int a0) {
    throw unsupported("setMaxFieldSize");
  }

  @Override
  public void setMaxRows(int a0) {
    throw unsupported("setMaxRows");
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1) {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1, long a2) {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNClob(int a0, Reader a1) {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int a0, Reader a1, long a2) {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int a0, NClob a1) {
    throw unsupported("setNClob");
  }

  @Override
  public void setNString(int a0, String a1) {
    throw unsupported("setNString");
  }

  @Override
  public void setNull(int a0, int a1, String a2) {
    throw unsupported("setNull");
  }

  @Override
  public void setObject(int a0, Object a1, int a2) {
    throw unsupported("setObject");
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) {
    throw unsupported("setObject");
  }

  @Override
  public void setPoolable(boolean a0) {
    throw unsupported("setPoolable");
  }

  @Override
  public void setQueryTimeout(int a0) {
    throw unsupported("setQueryTimeout");
  }

  @Override
  public void setRef(int a0, Ref a1) {
    throw unsupported("setRef");
  }

  @Override
  public void setRowId(int a0, RowId a1) {
    throw unsupported("setRowId");
  }

  @Override
  public void setSQLXML(int a0, SQLXML a1) {
    throw unsupported("setSQLXML");
  }

  @Override
  public void setTime(int a0, Time a1) {
    throw unsupported("setTime");
  }

  @Override
  public void setTime(int a0, Time a1, Calendar a2) {
    throw unsupported("setTime");
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1) {
    throw unsupported("setTimestamp");
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1, Calendar a2) {
    throw unsupported("setTimestamp");
  }

  @Override
  public void setURL(int a0, URL a1) {
    throw unsupported("setURL");
  }

  @Override
  public void setUnicodeStream(int a0, InputStream a1, int a2) {
    throw unsupported("setUnicodeStream");
  }
}
