package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.optilock.runtime.internal.ArrayRows.ElementType;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@link ArrayRows} records of a binder's calls, and what it refuses so that those rows go as
 * a JDBC batch instead. The arrays themselves are sent to PostgreSQL by the end-to-end tests
 * ({@code OneStatementBatchTest}).
 */
class ArrayRowsTest {
  @Test
  void eachParameterGetsTheTypeTheDriverWouldHaveSent() {
    ArrayRows rows = new ArrayRows(2);
    for (int row = 0; row < 2; row++) {
      rows.setLong(1, row);
      rows.setString(2, row == 0 ? null : "x");
      rows.setInt(3, 1);
      rows.setShort(4, (short) 1);
      rows.setByte(5, (byte) 1);
      rows.setBoolean(6, true);
      rows.setFloat(7, 1f);
      rows.setDouble(8, 1d);
      rows.setBigDecimal(9, BigDecimal.ONE);
      rows.setBytes(10, new byte[] {1});
      rows.setObject(11, row == 0 ? null : UUID.randomUUID());
      rows.setObject(12, LocalDate.of(2024, 1, 1));
      rows.setObject(13, LocalDateTime.of(2024, 1, 1, 0, 0));
      rows.setObject(14, OffsetDateTime.parse("2024-01-01T00:00+05:30"));
      rows.setNull(15, Types.BIGINT);
      rows.endRow();
    }
    assertEquals(2, rows.rows());
    assertEquals(15, rows.parameters());
    assertArrayEquals(new ElementType[] {ElementType.INT8, ElementType.VARCHAR, ElementType.INT4,
        ElementType.INT2, ElementType.INT2, ElementType.BOOL, ElementType.FLOAT4, ElementType.FLOAT8,
        ElementType.NUMERIC, ElementType.BYTEA, ElementType.UUID, ElementType.DATE,
        ElementType.TIMESTAMP, ElementType.TIMESTAMPTZ, ElementType.INT8}, rows.elementTypes());
  }

  @Test
  void whatAnArrayCannotCarryExactlyIsRefused() {
    ArrayRows nullsOfNoType = new ArrayRows(1);
    nullsOfNoType.setNull(1, Types.OTHER);
    nullsOfNoType.endRow();
    assertThrows(UnsupportedOperationException.class, nullsOfNoType::elementTypes);

    ArrayRows rows = new ArrayRows(1);
    assertThrows(UnsupportedOperationException.class, () -> rows.setObject(1, LocalDate.MAX));
    assertThrows(UnsupportedOperationException.class,
        () -> rows.setObject(1, LocalDateTime.of(10_000, 1, 1, 0, 0)));
    assertThrows(UnsupportedOperationException.class,
        () -> rows.setObject(1, OffsetDateTime.parse("2024-01-01T00:00+05:30:15")));
    assertThrows(UnsupportedOperationException.class, () -> rows.setObject(1, new Object()));
    assertThrows(UnsupportedOperationException.class, () -> rows.setTimestamp(1, null));
    rows.setLong(1, 1);
    assertThrows(UnsupportedOperationException.class, () -> rows.setString(1, "x"),
        "one parameter bound with two types");
    rows.endRow();
    assertThrows(UnsupportedOperationException.class, () -> rows.setLong(1, 2), "more rows than room");
  }
}
