package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.model.Everything;
import dev.optilock.samples.model.EverythingRepository;
import dev.optilock.samples.model.Status;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every supported column type, written by a generated repository and read back, on every database.
 *
 * <p>What the databases do differently, and what these tests pin down:
 *
 * <ul>
 *   <li>Time precision: PostgreSQL and MariaDB keep microseconds; optilock truncates (never rounds)
 *       finer values before binding. SQLite stores text and keeps nanoseconds exactly.
 *   <li>OffsetDateTime: PostgreSQL ({@code timestamptz}) and MariaDB ({@code DATETIME(6)} in UTC)
 *       store the instant only, so a value comes back as the same instant at offset UTC; SQLite
 *       keeps the offset it was written with.
 *   <li>BigDecimal scale: PostgreSQL's unconstrained {@code numeric} and SQLite's text keep the
 *       scale of the value written; MariaDB's {@code DECIMAL(30,4)} always gives scale 4.
 *   <li>Floats: MariaDB's {@code FLOAT} reads back rounded to 6 significant digits and refuses
 *       {@link Float#MAX_VALUE}, so {@code single} only holds values of at most 6 significant digits,
 *       and {@code boxed_single} is a {@code DOUBLE} on MariaDB, which keeps every float exactly.
 *   <li>Chars: MariaDB's {@code CHAR(1)} drops a trailing space, so {@code letter} ({@code CHAR(1)})
 *       cannot hold {@code ' '} there, and {@code boxed_letter} is a {@code VARCHAR(1)}.
 * </ul>
 *
 * <p>The DDL of each database is {@code schema/<database>/everything.sql}. Besides the round trips,
 * the typical row and the all-null row are read with plain JDBC and compared with what each database
 * is expected to hold, written here by hand.
 */
class ColumnTypesTest {

  private static final UUID A_UUID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  private static EverythingRepository repository(TestDatabase db) {
    DataSource dataSource = db.fresh("everything");
    return new EverythingRepository(dataSource);
  }

  /** Typical values; times with exactly microsecond precision, which every database keeps. */
  private static Everything typical(String id) {
    return new Everything(
        id,
        null,
        "Hello, world",
        true,
        (byte) 42,
        (short) 1234,
        123_456,
        9_876_543_210L,
        3.14f,
        2.718281828459045,
        'x',
        Boolean.FALSE,
        (byte) -7,
        (short) -1234,
        -123_456,
        -9_876_543_210L,
        -0.1f,
        6.02214076e23,
        'Ω',
        new BigDecimal("19.9900"),
        new byte[] {1, 2, 3, -1},
        A_UUID,
        Status.PUBLISHED,
        LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000),
        Instant.parse("2024-05-01T08:15:30.654321Z"),
        OffsetDateTime.parse("2024-05-01T10:15:30.250001+05:30"));
  }

  /** The same row with another decimal: MariaDB's DECIMAL(38,10) gives back its own scale. */
  private static Everything withAmount(Everything e, BigDecimal amount) {
    return new Everything(e.id(), e.version(), e.label(), e.flag(), e.tiny(), e.small(), e.medium(),
        e.large(), e.single(), e.dbl(), e.letter(), e.boxedFlag(), e.boxedTiny(), e.boxedSmall(),
        e.boxedMedium(), e.boxedLarge(), e.boxedSingle(), e.boxedDbl(), e.boxedLetter(), amount,
        e.payload(), e.token(), e.status(), e.day(), e.stamp(), e.moment(), e.zoned());
  }

  @EveryDatabase
  void theGeneratedSchemaStoresEveryTypeToo(TestDatabase db) throws Exception {
    DataSource dataSource = db.fresh("everything");
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE everything");
    }
    EverythingRepository repository = new EverythingRepository(dataSource);
    repository.createTable();
    repository.createTable(); // IF NOT EXISTS: idempotent
    assertTrue(repository.verifySchema().isValid(), repository.verifySchema().toString());
    Everything stored = repository.insert(typical("generated-schema"));
    Everything read = repository.findById("generated-schema").orElseThrow();
    assertEquals(0, stored.amount().compareTo(read.amount()), read.amount().toString());
    assertRow(db, stored, withAmount(read, stored.amount()));
    Everything updated = repository.update(read);
    assertEquals(2L, updated.version());
  }

  private static boolean keepsOffsets(TestDatabase db) {
    return db == TestDatabase.SQLITE;
  }

  /**
   * Compares every component; {@code zoned} as the database stores it: exactly on SQLite, as the
   * same instant at offset UTC on PostgreSQL and MariaDB.
   */
  private static void assertRow(TestDatabase db, Everything expected, Everything actual) {
    assertEquals(expected.id(), actual.id(), "id");
    assertEquals(expected.version(), actual.version(), "version");
    assertEquals(expected.label(), actual.label(), "label");
    assertEquals(expected.flag(), actual.flag(), "flag");
    assertEquals(expected.tiny(), actual.tiny(), "tiny");
    assertEquals(expected.small(), actual.small(), "small");
    assertEquals(expected.medium(), actual.medium(), "medium");
    assertEquals(expected.large(), actual.large(), "large");
    assertEquals(expected.single(), actual.single(), "single");
    assertEquals(expected.dbl(), actual.dbl(), "dbl");
    assertEquals(expected.letter(), actual.letter(), "letter");
    assertEquals(expected.boxedFlag(), actual.boxedFlag(), "boxedFlag");
    assertEquals(expected.boxedTiny(), actual.boxedTiny(), "boxedTiny");
    assertEquals(expected.boxedSmall(), actual.boxedSmall(), "boxedSmall");
    assertEquals(expected.boxedMedium(), actual.boxedMedium(), "boxedMedium");
    assertEquals(expected.boxedLarge(), actual.boxedLarge(), "boxedLarge");
    assertEquals(expected.boxedSingle(), actual.boxedSingle(), "boxedSingle");
    assertEquals(expected.boxedDbl(), actual.boxedDbl(), "boxedDbl");
    assertEquals(expected.boxedLetter(), actual.boxedLetter(), "boxedLetter");
    // equals, not compareTo: the scale must survive too
    assertEquals(expected.amount(), actual.amount(), "amount");
    assertArrayEquals(expected.payload(), actual.payload(), "payload");
    assertEquals(expected.token(), actual.token(), "token");
    assertEquals(expected.status(), actual.status(), "status");
    assertEquals(expected.day(), actual.day(), "day");
    assertEquals(expected.stamp(), actual.stamp(), "stamp");
    assertEquals(expected.moment(), actual.moment(), "moment");
    assertZoned(db, expected.zoned(), actual.zoned());
  }

  private static void assertZoned(TestDatabase db, OffsetDateTime expected, OffsetDateTime actual) {
    if (expected == null) {
      assertNull(actual, "zoned");
    } else if (keepsOffsets(db)) {
      assertEquals(expected, actual, "zoned: SQLite keeps the offset");
    } else {
      assertNotNull(actual, "zoned");
      assertTrue(expected.isEqual(actual), "zoned: same instant expected, " + expected + " vs " + actual);
      assertEquals(ZoneOffset.UTC, actual.getOffset(), "zoned: " + db + " normalizes the offset to UTC");
      assertEquals(expected.toInstant(), actual.toInstant(), "zoned");
    }
  }

  // ---- (a) typical values ----

  /**
   * The typical row as the database holds it, read with plain JDBC and compared with values written
   * here by hand for each database (docs/types.md), not read back through the repository: a
   * repository that wrote and read a value wrongly in the same way would pass a round trip.
   */
  private static void assertTypicalStored(TestDatabase db, String id, long version) {
    List<List<Object>> rows = Rows.query(db.pool(),
        "SELECT * FROM everything WHERE id = '" + id + "'", row -> {
          boolean sqlite = db == TestDatabase.SQLITE;
          boolean pg = db == TestDatabase.POSTGRESQL;
          return java.util.Arrays.asList(
              row.getLong("version"),
              row.getString("label"),
              sqlite ? (Object) row.getInt("flag") : row.getBoolean("flag"),
              row.getLong("tiny"), row.getLong("small"), row.getLong("medium"), row.getLong("large"),
              row.getFloat("single"), row.getDouble("dbl"), row.getString("letter"),
              sqlite ? (Object) row.getInt("boxed_flag") : row.getBoolean("boxed_flag"),
              row.getLong("boxed_tiny"), row.getLong("boxed_small"), row.getLong("boxed_medium"),
              row.getLong("boxed_large"), row.getFloat("boxed_single"), row.getDouble("boxed_dbl"),
              row.getString("boxed_letter"),
              sqlite ? row.getString("amount") : row.getBigDecimal("amount"),
              java.util.HexFormat.of().formatHex(row.getBytes("payload")),
              pg ? row.getObject("token", UUID.class) : row.getString("token"),
              row.getString("status"),
              sqlite ? row.getString("day") : row.getObject("day", LocalDate.class),
              sqlite ? row.getString("stamp") : row.getObject("stamp", LocalDateTime.class),
              sqlite ? row.getString("moment") : pg ? row.getObject("moment", OffsetDateTime.class)
                  : row.getObject("moment", LocalDateTime.class),
              sqlite ? row.getString("zoned") : pg ? row.getObject("zoned", OffsetDateTime.class)
                  : row.getObject("zoned", LocalDateTime.class));
        });
    List<Object> expected = switch (db) {
      case SQLITE -> java.util.Arrays.asList(version, "Hello, world", 1, 42L, 1234L, 123_456L,
          9_876_543_210L, 3.14f, 2.718281828459045, "x", 0, -7L, -1234L, -123_456L,
          -9_876_543_210L, -0.1f, 6.02214076e23, "Ω", "19.9900", "010203ff",
          "123e4567-e89b-12d3-a456-426614174000", "PUBLISHED", "2024-02-29",
          "2024-05-01T10:15:30.123456000", "2024-05-01T08:15:30.654321000Z",
          "2024-05-01T10:15:30.250001000+05:30");
      case POSTGRESQL -> java.util.Arrays.asList(version, "Hello, world", true, 42L, 1234L, 123_456L,
          9_876_543_210L, 3.14f, 2.718281828459045, "x", false, -7L, -1234L, -123_456L,
          -9_876_543_210L, -0.1f, 6.02214076e23, "Ω", new BigDecimal("19.9900"), "010203ff",
          A_UUID, "PUBLISHED", LocalDate.of(2024, 2, 29),
          LocalDateTime.parse("2024-05-01T10:15:30.123456"),
          OffsetDateTime.parse("2024-05-01T08:15:30.654321Z"),
          OffsetDateTime.parse("2024-05-01T04:45:30.250001Z"));
      case MARIADB -> java.util.Arrays.asList(version, "Hello, world", true, 42L, 1234L, 123_456L,
          9_876_543_210L, 3.14f, 2.718281828459045, "x", false, -7L, -1234L, -123_456L,
          -9_876_543_210L, -0.1f, 6.02214076e23, "Ω", new BigDecimal("19.9900"), "010203ff",
          "123e4567-e89b-12d3-a456-426614174000", "PUBLISHED", LocalDate.of(2024, 2, 29),
          LocalDateTime.parse("2024-05-01T10:15:30.123456"),
          LocalDateTime.parse("2024-05-01T08:15:30.654321"),
          LocalDateTime.parse("2024-05-01T04:45:30.250001"));
    };
    assertEquals(List.of(expected), rows, db + ": the typical row as stored");
  }

  /** Every nullable column of the row is SQL NULL, read with plain JDBC. */
  private static void assertNullsStored(TestDatabase db, String id) {
    List<String> columns = List.of("label", "boxed_flag", "boxed_tiny", "boxed_small",
        "boxed_medium", "boxed_large", "boxed_single", "boxed_dbl", "boxed_letter", "amount",
        "payload", "token", "status", "day", "stamp", "moment", "zoned");
    List<List<Object>> rows = Rows.query(db.pool(),
        "SELECT " + String.join(", ", columns) + " FROM everything WHERE id = '" + id + "'", row -> {
          List<Object> values = new java.util.ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            values.add(row.getObject(i));
          }
          return values;
        });
    assertEquals(List.of(java.util.Collections.nCopies(columns.size(), null)), rows,
        db + ": " + columns + " as stored");
  }

  @EveryDatabase
  void typicalValuesRoundTripExactly(TestDatabase db) {
    EverythingRepository repository = repository(db);
    Everything stored = repository.insert(typical("typical"));
    assertEquals(Long.valueOf(1L), stored.version());
    assertTypicalStored(db, "typical", 1L);
    Everything read = repository.findById("typical").orElseThrow();
    assertRow(db, typical("typical").withVersion(1L), read);
    assertRow(db, read, repository.findAll().get(0));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theOffsetOfAnOffsetDateTimeIsKeptOnlyBySqlite(TestDatabase db) {
    EverythingRepository repository = repository(db);
    OffsetDateTime india = OffsetDateTime.parse("2024-05-01T10:15:30.250001+05:30");
    repository.insert(typical("z").withTimes(null, null, null, india));
    OffsetDateTime read = repository.findById("z").orElseThrow().zoned();
    if (db == TestDatabase.SQLITE) {
      assertEquals(india, read);
      assertEquals(ZoneOffset.ofHoursMinutes(5, 30), read.getOffset());
    } else {
      // timestamptz / DATETIME(6) in UTC: the instant survives, the offset does not
      assertEquals(OffsetDateTime.parse("2024-05-01T04:45:30.250001Z"), read);
      assertTrue(india.isEqual(read));
    }
  }

  @EveryDatabase
  void floatsAndDoublesRoundTripExactly(TestDatabase db) {
    // `single` holds values of at most 6 significant digits, which survive MariaDB's FLOAT (see the
    // next test); `boxed_single` is a DOUBLE column on MariaDB and takes any float. 3.14f and -0.1f
    // are not exact binary fractions: they still round-trip because each database keeps single
    // precision (SQLite's REAL holds the widened double exactly) and MariaDB's text protocol sends
    // Float.toString, the shortest text that reads back as the same float.
    EverythingRepository repository = repository(db);
    float[] singles = {3.14f, -0.1f, 0.5f, 1.0e-7f, 123_456f, -65_536f};
    Float[] boxedSingles =
        {123_456.79f, 16_777_216f, Float.MAX_VALUE, -Float.MIN_NORMAL, Float.MIN_VALUE, 0.1f};
    double[] doubles = {2.718281828459045, -0.1, 1.0e-300, Double.MAX_VALUE, 0.30000000000000004, 1.0 / 3};
    Double[] boxedDoubles =
        {Math.PI, -Double.MIN_NORMAL, 123_456_789.123_456_79, Double.MIN_VALUE, 9_007_199_254_740_993.0, -1e15};
    for (int i = 0; i < singles.length; i++) {
      Everything t = typical("f" + i);
      Everything e = new Everything(t.id(), null, t.label(), t.flag(), t.tiny(), t.small(),
          t.medium(), t.large(), singles[i], doubles[i], t.letter(), t.boxedFlag(), t.boxedTiny(),
          t.boxedSmall(), t.boxedMedium(), t.boxedLarge(), boxedSingles[i], boxedDoubles[i],
          t.boxedLetter(), t.amount(), t.payload(), t.token(), t.status(), t.day(), t.stamp(),
          t.moment(), t.zoned());
      repository.insert(e);
    }
    for (int i = 0; i < singles.length; i++) {
      Everything read = repository.findById("f" + i).orElseThrow();
      assertEquals(singles[i], read.single(), "single " + singles[i]);
      assertEquals(boxedSingles[i], read.boxedSingle(), "boxedSingle " + boxedSingles[i]);
      assertEquals(doubles[i], read.dbl(), "dbl " + doubles[i]);
      assertEquals(boxedDoubles[i], read.boxedDbl(), "boxedDbl " + boxedDoubles[i]);
    }
  }

  @EveryDatabase
  void mariaDbsFloatColumnKeepsOnlySixSignificantDigits(TestDatabase db) {
    // MariaDB stores a FLOAT in single precision but, over the text protocol MariaDB Connector/J
    // uses by default, sends it back as text rounded to 6 significant digits, so a float with more
    // digits does not round-trip through a FLOAT column (a DOUBLE column keeps it, as the test above
    // shows; so does the binary protocol, useServerPrepStmts=true). PostgreSQL's real and SQLite's
    // REAL keep it.
    EverythingRepository repository = repository(db);
    Everything t = typical("x");
    float[] values = {123_456.79f, 16_777_216f, 1.2345678f};
    float[] onMariaDb = {123_457f, 16_777_200f, 1.23457f};
    for (int i = 0; i < values.length; i++) {
      repository.insert(new Everything("g" + i, null, t.label(), t.flag(), t.tiny(), t.small(),
          t.medium(), t.large(), values[i], t.dbl(), t.letter(), t.boxedFlag(), t.boxedTiny(),
          t.boxedSmall(), t.boxedMedium(), t.boxedLarge(), t.boxedSingle(), t.boxedDbl(),
          t.boxedLetter(), t.amount(), t.payload(), t.token(), t.status(), t.day(), t.stamp(),
          t.moment(), t.zoned()));
      float read = repository.findById("g" + i).orElseThrow().single();
      assertEquals(db == TestDatabase.MARIADB ? onMariaDb[i] : values[i], read, "single " + values[i]);
    }

    // and Float.MAX_VALUE, sent as the text 3.4028235E38, is above what MariaDB's FLOAT accepts
    Everything max = new Everything("gmax", null, t.label(), t.flag(), t.tiny(), t.small(),
        t.medium(), t.large(), Float.MAX_VALUE, t.dbl(), t.letter(), t.boxedFlag(), t.boxedTiny(),
        t.boxedSmall(), t.boxedMedium(), t.boxedLarge(), t.boxedSingle(), t.boxedDbl(),
        t.boxedLetter(), t.amount(), t.payload(), t.token(), t.status(), t.day(), t.stamp(),
        t.moment(), t.zoned());
    if (db == TestDatabase.MARIADB) {
      DataAccessException e = assertThrows(DataAccessException.class, () -> repository.insert(max));
      assertTrue(e.getMessage().contains("Out of range"), e.getMessage());
      assertEquals(Optional.empty(), repository.findById("gmax"));
    } else {
      repository.insert(max);
      assertEquals(Float.MAX_VALUE, repository.findById("gmax").orElseThrow().single());
    }
  }

  // ---- (b) nulls ----

  @EveryDatabase
  void everyNullableColumnRoundTripsAsNull(TestDatabase db) {
    EverythingRepository repository = repository(db);
    repository.insert(Everything.empty("nulls"));
    assertNullsStored(db, "nulls");
    Everything read = repository.findById("nulls").orElseThrow();
    assertRow(db, Everything.empty("nulls").withVersion(1L), read);
    assertNull(read.label());
    assertNull(read.boxedFlag());
    assertNull(read.boxedTiny());
    assertNull(read.boxedSmall());
    assertNull(read.boxedMedium());
    assertNull(read.boxedLarge());
    assertNull(read.boxedSingle());
    assertNull(read.boxedDbl());
    assertNull(read.boxedLetter());
    assertNull(read.amount());
    assertNull(read.payload());
    assertNull(read.token());
    assertNull(read.status());
    assertNull(read.day());
    assertNull(read.stamp());
    assertNull(read.moment());
    assertNull(read.zoned());
    // the primitives next to them are zero, false and 'a', not confused with null
    assertFalse(read.flag());
    assertEquals(0, read.medium());
    assertEquals('a', read.letter());
  }

  @EveryDatabase
  void zeroAndFalseInBoxedColumnsAreNotNull(TestDatabase db) {
    // getInt/getBoolean return 0/false for SQL NULL too: only wasNull() tells them apart
    EverythingRepository repository = repository(db);
    Everything zeros = new Everything("zeros", null, "", false, (byte) 0, (short) 0, 0, 0L, 0f, 0d, '0',
        Boolean.FALSE, (byte) 0, (short) 0, 0, 0L, 0f, 0d, '0', BigDecimal.ZERO, new byte[0],
        new UUID(0, 0), Status.DRAFT, null, null, null, null);
    repository.insert(zeros);
    Everything read = repository.findById("zeros").orElseThrow();
    assertEquals(Boolean.FALSE, read.boxedFlag());
    assertEquals(Byte.valueOf((byte) 0), read.boxedTiny());
    assertEquals(Short.valueOf((short) 0), read.boxedSmall());
    assertEquals(Integer.valueOf(0), read.boxedMedium());
    assertEquals(Long.valueOf(0), read.boxedLarge());
    assertEquals(Float.valueOf(0f), read.boxedSingle());
    assertEquals(Double.valueOf(0d), read.boxedDbl());
    assertEquals(Character.valueOf('0'), read.boxedLetter());
    assertEquals("", read.label(), "an empty string is not NULL");
  }

  // ---- (c) edge values ----

  @EveryDatabase
  void awkwardStringsRoundTripAsIdsAndValues(TestDatabase db) {
    EverythingRepository repository = repository(db);
    List<String> strings =
        List.of(
            "",
            "emoji 😀🎉👩‍👩‍👧 (surrogate pairs and a ZWJ sequence)",
            "CJK 漢字 かな カナ 한국어",
            "combining e\u0301 vs \u00e9, Z\u0351\u0362a\u0315l\u0358g\u0360o",
            "quotes ' \" ` and backslashes \\ \\\\ \\' \\n",
            "'; DROP TABLE everything; --",
            "\" OR 1=1 --",
            "tab\tnewline\ncarriage\rreturn",
            "  leading and trailing spaces  ",
            "right-to-left עברית العربية");
    for (int i = 0; i < strings.size(); i++) {
      repository.insert(typical("s" + i).withLabel(strings.get(i)));
    }
    // the awkward string as the key, bound in WHERE clauses too
    String nastyId = "it's \"x\" \\ '; DROP TABLE everything; --";
    Everything nasty = repository.insert(typical(nastyId).withLabel("by a nasty id"));
    for (int i = 0; i < strings.size(); i++) {
      assertEquals(strings.get(i), repository.findById("s" + i).orElseThrow().label(), "s" + i);
    }
    assertEquals("by a nasty id", repository.findById(nastyId).orElseThrow().label());
    Everything updated = repository.update(nasty.withLabel("😀 updated"));
    assertEquals(Long.valueOf(2L), updated.version());
    assertEquals(Optional.of(2L), repository.findByIdAndVersion(nastyId, 2L).map(Everything::version));
    assertFalse(repository.isChanged(updated));
    // the table is still there, with every row
    assertEquals(strings.size() + 1, repository.findAll().size());
    repository.delete(updated);
    assertEquals(Optional.empty(), repository.findById(nastyId));
  }

  @EveryDatabase
  void awkwardCharsRoundTrip(TestDatabase db) {
    EverythingRepository repository = repository(db);
    char[][] pairs = {{'\'', '\\'}, {'"', '`'}, {'中', 'é'}, {'€', 'ß'}, {'\n', '\t'}};
    for (int i = 0; i < pairs.length; i++) {
      repository.insert(typical("c" + i).withLetters(pairs[i][0], pairs[i][1]));
      Everything read = repository.findById("c" + i).orElseThrow();
      assertEquals(pairs[i][0], read.letter(), "letter " + i);
      assertEquals(Character.valueOf(pairs[i][1]), read.boxedLetter(), "boxedLetter " + i);
    }
  }

  @EveryDatabase
  void aSpaceCharRoundTripsExceptThroughMariaDbsChar1(TestDatabase db) {
    // boxed_letter is VARCHAR(1) on MariaDB and keeps the space on every database
    EverythingRepository repository = repository(db);
    repository.insert(typical("space").withLetters('x', ' '));
    assertEquals(Character.valueOf(' '), repository.findById("space").orElseThrow().boxedLetter());

    // letter is CHAR(1) on MariaDB, char(1) on PostgreSQL: MariaDB strips trailing spaces of a
    // CHAR when reading it, so ' ' reads back as "" and optilock refuses it rather than guess
    repository.insert(typical("space2").withLetters(' ', 'x'));
    if (db == TestDatabase.MARIADB) {
      DataAccessException e =
          assertThrows(DataAccessException.class, () -> repository.findById("space2"));
      assertTrue(e.getMessage().contains("letter"), e.getMessage());
      assertTrue(e.getMessage().contains("length 0"), e.getMessage());
      assertEquals(0, db.activeConnections());
    } else {
      assertEquals(' ', repository.findById("space2").orElseThrow().letter());
    }
  }

  @EveryDatabase
  void extremeNumbersRoundTrip(TestDatabase db) {
    EverythingRepository repository = repository(db);
    Everything t = typical("x");
    Everything max = new Everything("max", null, t.label(), true, Byte.MAX_VALUE, Short.MAX_VALUE,
        Integer.MAX_VALUE, Long.MAX_VALUE, t.single(), t.dbl(), t.letter(), true, Byte.MAX_VALUE,
        Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, t.boxedSingle(), t.boxedDbl(),
        t.boxedLetter(), new BigDecimal("9999999999999999999999999.9999"), t.payload(),
        new UUID(-1L, -1L), Status.DRAFT, t.day(), t.stamp(), t.moment(), t.zoned());
    Everything min = new Everything("min", null, t.label(), false, Byte.MIN_VALUE, Short.MIN_VALUE,
        Integer.MIN_VALUE, Long.MIN_VALUE, t.single(), t.dbl(), t.letter(), false, Byte.MIN_VALUE,
        Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, t.boxedSingle(), t.boxedDbl(),
        t.boxedLetter(), new BigDecimal("-12345.6700"), t.payload(), new UUID(0L, 0L), Status.DRAFT,
        t.day(), t.stamp(), t.moment(), t.zoned());
    repository.insert(max);
    repository.insert(min);
    assertRow(db, max.withVersion(1L), repository.findById("max").orElseThrow());
    Everything readMin = repository.findById("min").orElseThrow();
    assertRow(db, min.withVersion(1L), readMin);
    assertEquals(4, readMin.amount().scale(), "the scale of -12345.6700 is kept");
    assertEquals("-12345.6700", readMin.amount().toPlainString());
    assertEquals("ffffffff-ffff-ffff-ffff-ffffffffffff",
        repository.findById("max").orElseThrow().token().toString());
  }

  @EveryDatabase
  void theScaleOfADecimalIsKeptExceptByMariaDbsFixedScale(TestDatabase db) {
    EverythingRepository repository = repository(db);
    repository.insert(typical("d1").withAmount(new BigDecimal("1.10")));
    repository.insert(typical("d2").withAmount(new BigDecimal("-0.0001")));
    repository.insert(typical("d3").withAmount(new BigDecimal("1E+3")));
    BigDecimal d1 = repository.findById("d1").orElseThrow().amount();
    BigDecimal d2 = repository.findById("d2").orElseThrow().amount();
    BigDecimal d3 = repository.findById("d3").orElseThrow().amount();
    assertEquals(new BigDecimal("-0.0001"), d2);
    if (db == TestDatabase.MARIADB) {
      // DECIMAL(30,4): the column's scale, the same number
      assertEquals(new BigDecimal("1.1000"), d1);
      assertEquals(new BigDecimal("1000.0000"), d3);
    } else if (db == TestDatabase.POSTGRESQL) {
      // unconstrained numeric keeps the scale written; a negative scale is written as scale 0
      assertEquals(new BigDecimal("1.10"), d1);
      assertEquals(0, new BigDecimal("1000").compareTo(d3));
    } else {
      // TEXT holds BigDecimal.toString() exactly, negative scale included
      assertEquals(new BigDecimal("1.10"), d1);
      assertEquals(new BigDecimal("1E+3"), d3);
    }
  }

  @EveryDatabase
  void everyByteValueRoundTrips(TestDatabase db) {
    EverythingRepository repository = repository(db);
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    byte[] reversed = new byte[256];
    for (int i = 0; i < 256; i++) {
      reversed[i] = (byte) (255 - i);
    }
    repository.insert(typical("bytes").withPayload(all));
    repository.insert(typical("reversed").withPayload(reversed));
    byte[] big = new byte[1 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >>> 8));
    }
    repository.insert(typical("big").withPayload(big));
    assertArrayEquals(all, repository.findById("bytes").orElseThrow().payload());
    assertArrayEquals(reversed, repository.findById("reversed").orElseThrow().payload());
    assertArrayEquals(big, repository.findById("big").orElseThrow().payload());
  }

  @EveryDatabase
  void anEmptyByteArrayIsNotNull(TestDatabase db) {
    EverythingRepository repository = repository(db);
    repository.insert(typical("empty").withPayload(new byte[0]));
    byte[] read = repository.findById("empty").orElseThrow().payload();
    assertNotNull(read, "an empty byte[] came back as null on " + db);
    assertEquals(0, read.length);
  }

  @EveryDatabase
  void oldAndFarDatesRoundTrip(TestDatabase db) {
    // Every database here takes 0001-01-01 as a DATE (MariaDB documents 1000-01-01 as its lower
    // bound but stores earlier dates), and instants before 1970 with microseconds.
    EverythingRepository repository = repository(db);
    LocalDate firstDay = LocalDate.of(1, 1, 1);
    LocalDateTime oldStamp = LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000);
    Instant moonLanding = Instant.parse("1969-07-20T20:17:40.000001Z");
    OffsetDateTime oldZoned = OffsetDateTime.parse("1950-06-15T12:00:00.5-08:00");
    repository.insert(typical("old").withTimes(firstDay, oldStamp, moonLanding, oldZoned));

    LocalDate lastDay = LocalDate.of(9999, 12, 31);
    LocalDateTime lastStamp = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
    Instant justBeforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
    OffsetDateTime leapDay = OffsetDateTime.parse("2000-02-29T00:00:00.000001+14:00");
    repository.insert(typical("far").withTimes(lastDay, lastStamp, justBeforeEpoch, leapDay));

    Everything old = repository.findById("old").orElseThrow();
    assertEquals(firstDay, old.day());
    assertEquals(oldStamp, old.stamp());
    assertEquals(moonLanding, old.moment());
    assertZoned(db, oldZoned, old.zoned());

    Everything far = repository.findById("far").orElseThrow();
    assertEquals(lastDay, far.day());
    assertEquals(lastStamp, far.stamp());
    assertEquals(justBeforeEpoch, far.moment());
    assertZoned(db, leapDay, far.zoned());
  }

  @EveryDatabase
  void timeValuesDoNotDependOnTheJvmTimeZone(TestDatabase db) {
    EverythingRepository repository = repository(db);
    Everything written = typical("tz");
    TimeZone before = TimeZone.getDefault();
    try {
      // +12:45 / +13:45 with daylight saving: any hidden use of the default zone shows
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      repository.insert(written);
      assertRow(db, written.withVersion(1L), repository.findById("tz").orElseThrow());
    } finally {
      TimeZone.setDefault(before);
    }
    // and what was written under one zone reads the same under another
    assertRow(db, written.withVersion(1L), repository.findById("tz").orElseThrow());
  }

  // ---- (d) nanoseconds ----

  @EveryDatabase
  void nanosecondsAreTruncatedToMicrosecondsOnPostgresAndMariaDbAndKeptOnSqlite(TestDatabase db) {
    EverythingRepository repository = repository(db);
    // each of these would round up, several across a second, day or year boundary
    LocalDateTime stamp = LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_789);
    Instant moment = Instant.parse("2024-12-31T23:59:59.999999999Z");
    OffsetDateTime zoned = OffsetDateTime.parse("2024-06-30T23:59:59.999999500+02:00");
    repository.insert(typical("nanos").withTimes(null, stamp, moment, zoned));
    LocalDateTime preEpochStamp = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999);
    Instant preEpoch = Instant.parse("1969-12-31T23:59:59.000000500Z");
    OffsetDateTime halfMicro = OffsetDateTime.parse("2024-01-01T00:00:00.000000500Z");
    repository.insert(typical("nanos2").withTimes(null, preEpochStamp, preEpoch, halfMicro));

    Everything read = repository.findById("nanos").orElseThrow();
    Everything read2 = repository.findById("nanos2").orElseThrow();
    if (db == TestDatabase.SQLITE) {
      assertEquals(stamp, read.stamp());
      assertEquals(moment, read.moment());
      assertEquals(zoned, read.zoned());
      assertEquals(preEpochStamp, read2.stamp());
      assertEquals(preEpoch, read2.moment());
      assertEquals(halfMicro, read2.zoned());
    } else {
      assertEquals(LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000), read.stamp());
      assertEquals(Instant.parse("2024-12-31T23:59:59.999999Z"), read.moment());
      assertEquals(OffsetDateTime.parse("2024-06-30T21:59:59.999999Z"), read.zoned());
      assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), read2.stamp());
      assertEquals(Instant.parse("1969-12-31T23:59:59Z"), read2.moment());
      assertEquals(OffsetDateTime.parse("2024-01-01T00:00:00Z"), read2.zoned());
    }
  }

  @Test
  void onMariaDbValuesAreTruncatedEvenWhenTheSessionRoundsFractionalSeconds() {
    // MariaDB truncates extra fractional digits by default; with sql_mode TIME_ROUND_FRACTIONAL the
    // server rounds instead (shown at the end), so what comes back truncated here was truncated
    // before it reached the server. (Both optilock and MariaDB Connector/J 3.5, which encodes
    // LocalDateTime with microseconds only, do that: on MariaDB the two coincide.)
    TestDatabase db = TestDatabase.MARIADB;
    HikariDataSource shared = db.fresh("everything");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setMaximumPoolSize(1);
    config.setPoolName("e2e-mariadb-round-fractional");
    config.setConnectionInitSql("SET SESSION sql_mode = CONCAT(@@sql_mode, ',TIME_ROUND_FRACTIONAL')");
    try (HikariDataSource rounding = new HikariDataSource(config)) {
      EverythingRepository repository = new EverythingRepository(rounding);
      LocalDateTime stamp = LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_789);
      Instant moment = Instant.parse("2024-12-31T23:59:59.999999999Z");
      OffsetDateTime zoned = OffsetDateTime.parse("2024-06-30T23:59:59.999999500+02:00");
      repository.insert(typical("round").withTimes(null, stamp, moment, zoned));
      Everything read = repository.findById("round").orElseThrow();
      assertEquals(LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000), read.stamp());
      assertEquals(Instant.parse("2024-12-31T23:59:59.999999Z"), read.moment());
      assertEquals(OffsetDateTime.parse("2024-06-30T21:59:59.999999Z"), read.zoned());

      // the session really rounds: the same value as a literal, unbound, comes back rounded up
      try (Connection connection = rounding.getConnection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate(
            "UPDATE everything SET stamp = '2024-12-31 23:59:59.999999999' WHERE id = 'round'");
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
      assertEquals(LocalDateTime.of(2025, 1, 1, 0, 0), repository.findById("round").orElseThrow().stamp());
    }
  }

  @EveryDatabase
  void aRowReadBackWithTruncatedTimesUpdatesCleanly(TestDatabase db) {
    // times written with nanoseconds, read back (truncated where the database does), written again
    EverythingRepository repository = repository(db);
    Everything v1 =
        repository.insert(typical("again").withTimes(null, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1),
            Instant.ofEpochSecond(0, 999), null));
    Everything read = repository.findById("again").orElseThrow();
    Everything v2 = repository.update(read.withLabel("second"));
    assertRow(db, v2, repository.findById("again").orElseThrow());
    assertEquals(Long.valueOf(1L), v1.version());
    assertEquals(Long.valueOf(2L), v2.version());
  }

  // ---- (e) update ----

  @EveryDatabase
  void updateRoundTripsEveryColumnAndMovesTheBoxedVersion(TestDatabase db) {
    EverythingRepository repository = repository(db);
    Everything v1 = repository.insert(typical("u"));
    assertEquals(Long.valueOf(1L), v1.version());

    Everything t = typical("u");
    Everything changed = new Everything("u", v1.version(), "changed ✓", false, (byte) -1, (short) -2,
        -3, -4L, 0.25f, -0.5, 'y', true, (byte) 1, (short) 2, 3, 4L, 0.75f, 1.5, 'z',
        new BigDecimal("-0.5000"), new byte[] {0, 0, 7}, UUID.fromString("00000000-0000-0001-0000-000000000002"),
        Status.DRAFT, LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000),
        Instant.parse("2038-01-19T03:14:08.000001Z"), OffsetDateTime.parse("2030-03-03T03:03:03.030303-03:00"));
    Everything v2 = repository.update(changed);
    assertEquals(Long.valueOf(2L), v2.version());
    // what update returns is the entity passed in with its new version (offset and all), not a re-read
    assertEquals(changed.zoned(), v2.zoned());
    assertEquals(changed.label(), v2.label());
    assertEquals(changed.amount(), v2.amount());
    assertRow(db, changed.withVersion(2L), repository.findById("u").orElseThrow());

    // every nullable column back to null
    Everything nulls = Everything.empty("u").withVersion(v2.version());
    Everything v3 = repository.update(nulls);
    assertEquals(Long.valueOf(3L), v3.version());
    assertNullsStored(db, "u");
    assertRow(db, Everything.empty("u").withVersion(3L), repository.findById("u").orElseThrow());

    // and from null to values again
    Everything v4 = repository.update(t.withVersion(3L));
    assertEquals(Long.valueOf(4L), v4.version());
    assertTypicalStored(db, "u", 4L);
    assertRow(db, t.withVersion(4L), repository.findById("u").orElseThrow());

    // the boxed version in the compare-and-set, the finders and the conflict
    assertEquals(Optional.empty(), repository.findByIdAndVersion("u", 3L));
    assertTrue(repository.findByIdAndVersion("u", 4L).isPresent());
    assertTrue(repository.isChanged(v2));
    assertFalse(repository.isChanged(v4));
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> repository.update(changed.withVersion(2L)));
    assertEquals(2L, e.expectedVersion());
    assertEquals(Optional.of(4L), e.actualVersion());
    assertRow(db, t.withVersion(4L), repository.findById("u").orElseThrow());
    IllegalArgumentException unsaved =
        assertThrows(IllegalArgumentException.class, () -> repository.update(t.withVersion(null)));
    assertTrue(unsaved.getMessage().contains("has version null"), unsaved.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void saveWithANullVersionInsertsAndWithAVersionUpdates(TestDatabase db) {
    EverythingRepository repository = repository(db);
    Everything inserted = repository.save(typical("s"));
    assertEquals(Long.valueOf(1L), inserted.version());
    Everything updated = repository.save(inserted.withLabel("again"));
    assertEquals(Long.valueOf(2L), updated.version());
    assertEquals("again", repository.findById("s").orElseThrow().label());
  }

  // ---- (f) an enum name the enum does not have ----

  @EveryDatabase
  void anUnknownEnumNameIsADataAccessExceptionNamingColumnAndValue(TestDatabase db)
      throws SQLException {
    EverythingRepository repository = repository(db);
    repository.insert(typical("enum"));
    try (Connection connection = db.pool().getConnection();
        PreparedStatement statement =
            connection.prepareStatement("UPDATE everything SET status = ? WHERE id = ?")) {
      statement.setString(1, "ARCHIVED");
      statement.setString(2, "enum");
      assertEquals(1, statement.executeUpdate());
    }
    DataAccessException e =
        assertThrows(DataAccessException.class, () -> repository.findById("enum"));
    assertTrue(e.getMessage().contains("status"), e.getMessage());
    assertTrue(e.getMessage().contains("'ARCHIVED'"), e.getMessage());
    DataAccessException all = assertThrows(DataAccessException.class, repository::findAll);
    assertTrue(all.getMessage().contains("status"), all.getMessage());
    assertTrue(all.getMessage().contains("'ARCHIVED'"), all.getMessage());
    assertEquals(0, db.activeConnections());
    // a lower-case spelling of a constant is not the constant either: names are case-sensitive
    try (Connection connection = db.pool().getConnection();
        PreparedStatement statement =
            connection.prepareStatement("UPDATE everything SET status = ? WHERE id = ?")) {
      statement.setString(1, "draft");
      statement.setString(2, "enum");
      assertEquals(1, statement.executeUpdate());
    }
    DataAccessException lower =
        assertThrows(DataAccessException.class, () -> repository.findById("enum"));
    assertTrue(lower.getMessage().contains("'draft'"), lower.getMessage());
    assertEquals(0, db.activeConnections());
  }
}
