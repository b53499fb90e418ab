package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.model.Everything;
import dev.optilock.samples.model.EverythingRepository;
import dev.optilock.samples.strategies.StampedInstant;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocal;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedOffset;
import dev.optilock.samples.strategies.StampedOffsetRepository;
import dev.optilock.samples.testing.PlainSql;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Times round-trip exactly whatever the JVM's default time zone, on every database: values inside
 * daylight-saving gaps (local times that do not exist) and overlaps (local times that exist twice) of
 * New York and Berlin, as fields and as TIMESTAMP versions, including versions another program
 * wrote.
 *
 * <p>Each case runs with the JVM's default zone set to UTC, {@code America/New_York} or {@code
 * Europe/Berlin}, through a pool whose connections were opened under that zone (drivers may take
 * the zone when they connect: pgJDBC sets the session's {@code TimeZone} from it). What is stored is
 * checked with plain SQL that renders the value as text on the server, independent of the session
 * and JVM zones.
 */
class TimeZoneTest {

  private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin");

  /** Wall-clock times in the gaps and overlaps of 2026 (New York, then Berlin). */
  private static final List<LocalDateTime> WALL_CLOCKS = List.of(
      LocalDateTime.parse("2026-03-08T02:30:00"), // New York: spring forward, does not exist
      LocalDateTime.parse("2026-03-08T02:30:00.123456"),
      LocalDateTime.parse("2026-11-01T01:30:00.000001"), // New York: fall back, exists twice
      LocalDateTime.parse("2026-03-29T02:30:00"), // Berlin: spring forward
      LocalDateTime.parse("2026-10-25T02:30:00.5")); // Berlin: fall back

  /**
   * Instants: the wall clocks above in UTC (what MariaDB's DATETIME(6) then holds, a local time in
   * the JVM zone's gap), and both readings of each overlap.
   */
  private static final List<Instant> INSTANTS = Stream.concat(
          WALL_CLOCKS.stream().map(t -> t.toInstant(ZoneOffset.UTC)),
          Stream.of("2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", // 01:30 EDT, 01:30 EST
                  "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z") // 02:30 CEST, 02:30 CET
              .map(Instant::parse))
      .toList();

  private static final List<OffsetDateTime> OFFSET_TIMES = Stream.concat(
          WALL_CLOCKS.stream().map(t -> t.atOffset(ZoneOffset.UTC)),
          Stream.of("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00",
                  "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-03-08T02:30:00-05:00")
              .map(OffsetDateTime::parse))
      .toList();

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter SQLITE_LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT);
  private static final DateTimeFormatter SQLITE_OFFSET =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX", Locale.ROOT);

  static Stream<Arguments> everyDatabaseUnderEveryZone() {
    return Stream.of(TestDatabase.values())
        .flatMap(db -> ZONES.stream().map(zone -> Arguments.of(db, zone)));
  }

  /**
   * Runs {@code body} with the JVM's default zone set to {@code zone} and a pool of connections
   * opened under it; restores the zone afterwards.
   */
  private static void underZone(TestDatabase db, String zone, String table, Consumer<DataSource> body) {
    db.fresh(table);
    TimeZone before = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of(zone)));
      try (HikariDataSource pool = db.newPool("tz-" + table, 2)) {
        body.accept(pool);
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }

  // ---- fields ----

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("everyDatabaseUnderEveryZone")
  void timeFieldsRoundTripExactlyAndSurviveAnUpdateOfAnotherField(TestDatabase db, String zone) {
    underZone(db, zone, "everything", dataSource -> {
      EverythingRepository repository = new EverythingRepository(dataSource);
      int rows = Math.max(WALL_CLOCKS.size(), Math.max(INSTANTS.size(), OFFSET_TIMES.size()));
      for (int i = 0; i < rows; i++) {
        Everything written = Everything.empty("t" + i).withTimes(null, item(WALL_CLOCKS, i),
            item(INSTANTS, i), item(OFFSET_TIMES, i));
        Everything inserted = repository.insert(written);
        assertTimes(db, written, repository.findById(written.id()).orElseThrow());
        assertStored(db, dataSource, written);

        // an update of another field writes the times back unchanged
        repository.update(inserted.withLabel("edited"));
        Everything read = repository.findById(written.id()).orElseThrow();
        assertEquals("edited", read.label());
        assertTimes(db, written, read);
        assertStored(db, dataSource, written);
        // and what was read back, written again, still does not move
        repository.update(read.withLabel("again"));
        assertStored(db, dataSource, written);
      }
    });
  }

  /**
   * The drivers' own time options and the session's time zone change nothing either: MariaDB
   * Connector/J's binary protocol ({@code useServerPrepStmts}) and {@code preserveInstants} with a
   * {@code connectionTimeZone} (under which its {@code getObject(i, LocalDateTime.class)} moves
   * every value by the zones' difference), pgJDBC's binary transfer from the first execution
   * ({@code prepareThreshold=-1}), and a session time zone other than the JVM's.
   */
  static Stream<Arguments> driverAndSessionSettings() {
    return Stream.of(
        Arguments.of(TestDatabase.MARIADB, "useServerPrepStmts=true", null),
        Arguments.of(TestDatabase.MARIADB, "preserveInstants=true&connectionTimeZone=Europe/Berlin", null),
        Arguments.of(TestDatabase.MARIADB,
            "useServerPrepStmts=true&preserveInstants=true&connectionTimeZone=SERVER",
            "SET time_zone = '+05:45'"),
        Arguments.of(TestDatabase.POSTGRESQL, "prepareThreshold=-1", null),
        Arguments.of(TestDatabase.POSTGRESQL, "prepareThreshold=-1", "SET TIME ZONE 'Asia/Kathmandu'"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("driverAndSessionSettings")
  void driverTimeOptionsAndTheSessionZoneChangeNothing(TestDatabase db, String options, String initSql) {
    HikariDataSource shared = db.fresh("everything", "stamped_local");
    TimeZone before = TimeZone.getDefault();
    HikariConfig config = new HikariConfig();
    String url = shared.getJdbcUrl();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + options);
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setSchema(shared.getSchema());
    config.setConnectionInitSql(initSql);
    config.setMaximumPoolSize(2);
    config.setPoolName("tz-options");
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      try (HikariDataSource pool = new HikariDataSource(config)) {
        EverythingRepository repository = new EverythingRepository(pool);
        for (int i = 0; i < WALL_CLOCKS.size(); i++) {
          Everything written = Everything.empty("o" + i).withTimes(null, WALL_CLOCKS.get(i),
              INSTANTS.get(i), OFFSET_TIMES.get(i));
          Everything inserted = repository.insert(written);
          assertTimes(db, written, repository.findById(written.id()).orElseThrow());
          repository.update(inserted.withLabel("edited"));
          assertTimes(db, written, repository.findById(written.id()).orElseThrow());
          assertStored(db, pool, written);
        }
        assertVersionsWrittenElsewhereCompareAndSet(db, pool, Stamped.localDateTimes(pool),
            futureGapAndOverlap("America/New_York"), v -> v);
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }

  private static <T> T item(List<T> list, int i) {
    return i < list.size() ? list.get(i) : null;
  }

  /** The times as the repository reads them: exact; an OffsetDateTime at UTC except on SQLite. */
  private static void assertTimes(TestDatabase db, Everything expected, Everything actual) {
    String where = expected.id() + " (" + TimeZone.getDefault().getID() + ")";
    assertEquals(expected.stamp(), actual.stamp(), "stamp of " + where);
    assertEquals(expected.moment(), actual.moment(), "moment of " + where);
    if (expected.zoned() == null) {
      assertEquals(null, actual.zoned(), "zoned of " + where);
    } else if (db == TestDatabase.SQLITE) {
      assertEquals(expected.zoned(), actual.zoned(), "zoned of " + where + ": SQLite keeps the offset");
    } else {
      assertEquals(expected.zoned().withOffsetSameInstant(ZoneOffset.UTC), actual.zoned(),
          "zoned of " + where + ": the instant, at UTC");
    }
  }

  /** The times as stored, rendered as text by the database itself. */
  private static void assertStored(TestDatabase db, DataSource dataSource, Everything expected) {
    String where = expected.id() + " (" + TimeZone.getDefault().getID() + ")";
    assertEquals(expectedText(db, expected.stamp()),
        storedText(db, dataSource, "everything", "stamp", expected.id(), false), "stored stamp of " + where);
    assertEquals(expectedText(db, expected.moment()),
        storedText(db, dataSource, "everything", "moment", expected.id(), true), "stored moment of " + where);
    assertEquals(expectedText(db, expected.zoned()),
        storedText(db, dataSource, "everything", "zoned", expected.id(), true), "stored zoned of " + where);
  }

  /** What the column must hold: optilock's text on SQLite, the (UTC) value in microseconds elsewhere. */
  private static String expectedText(TestDatabase db, Object value) {
    if (value == null) {
      return null;
    }
    if (db == TestDatabase.SQLITE) {
      if (value instanceof LocalDateTime t) {
        return SQLITE_LOCAL.format(t);
      }
      if (value instanceof Instant t) {
        return SQLITE_LOCAL.format(t.atOffset(ZoneOffset.UTC)) + "Z";
      }
      return SQLITE_OFFSET.format((OffsetDateTime) value);
    }
    return MICROS.format(utcWallClock(value));
  }

  /** A LocalDateTime as is, an Instant or OffsetDateTime as the wall clock in UTC. */
  private static LocalDateTime utcWallClock(Object value) {
    if (value instanceof LocalDateTime t) {
      return t;
    }
    Instant instant = value instanceof Instant t ? t : ((OffsetDateTime) value).toInstant();
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * The column's value rendered as text by the server: SQLite's text as is; PostgreSQL's {@code
   * timestamptz} at UTC and {@code timestamp} as is; MariaDB's {@code DATETIME(6)} as is.
   */
  private static String storedText(
      TestDatabase db, DataSource dataSource, String table, String column, Object id, boolean zoned) {
    String expression = switch (db) {
      case SQLITE -> column;
      case POSTGRESQL -> "to_char(" + column + (zoned ? " AT TIME ZONE 'UTC'" : "")
          + ", 'YYYY-MM-DD HH24:MI:SS.US')";
      case MARIADB -> "CAST(" + column + " AS CHAR)";
    };
    return PlainSql.text(dataSource, "SELECT " + expression + " FROM " + table + " WHERE id = ?", id);
  }

  // ---- TIMESTAMP versions ----

  /**
   * The first local time inside the next gap (spring forward) and the next overlap (fall back) of
   * {@code zone} after 2031: in the future, so an update moves such a version by one microsecond
   * only, and optilock's own next version stays inside the gap or overlap.
   */
  private static List<LocalDateTime> futureGapAndOverlap(String zone) {
    ZoneRules rules = ZoneId.of(zone).getRules();
    ZoneOffsetTransition first = rules.nextTransition(Instant.parse("2031-01-01T00:00:00Z"));
    ZoneOffsetTransition second = rules.nextTransition(first.getInstant());
    List<LocalDateTime> times = new ArrayList<>();
    for (ZoneOffsetTransition transition : List.of(first, second)) {
      // a gap's local times run from before to after; an overlap's from after to before
      LocalDateTime start = transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
      times.add(start.plusMinutes(30).plusNanos(123_456_000));
    }
    return times;
  }

  /** Versions to test: the 2026 wall clocks, and future ones inside gaps and overlaps. */
  private static List<LocalDateTime> versionWallClocks() {
    List<LocalDateTime> times = new ArrayList<>(WALL_CLOCKS);
    times.addAll(futureGapAndOverlap("America/New_York"));
    times.addAll(futureGapAndOverlap("Europe/Berlin"));
    return times;
  }

  /**
   * How the version tests drive a repository of {@code Stamped*} rows ({@code id, title, version}):
   * its table, whether its PostgreSQL column is a {@code timestamptz}, and its calls.
   */
  private record Stamped<E, V>(
      String table,
      boolean zoned,
      LongConsumer insert,
      LongFunction<E> find,
      Function<E, V> version,
      Function<V, Instant> instant,
      BiFunction<E, String, E> withTitle,
      UnaryOperator<E> update,
      Function<E, String> title) {

    static Stamped<StampedInstant, Instant> instants(DataSource dataSource) {
      StampedInstantRepository r = new StampedInstantRepository(dataSource);
      return new Stamped<>("stamped_instant", true, id -> r.insert(new StampedInstant(id, "a", null)),
          id -> r.findById(id).orElseThrow(), StampedInstant::version, v -> v,
          StampedInstant::withTitle, r::update, StampedInstant::title);
    }

    static Stamped<StampedLocal, LocalDateTime> localDateTimes(DataSource dataSource) {
      StampedLocalRepository r = new StampedLocalRepository(dataSource);
      return new Stamped<>("stamped_local", false, id -> r.insert(new StampedLocal(id, "a", null)),
          id -> r.findById(id).orElseThrow(), StampedLocal::version, v -> v.toInstant(ZoneOffset.UTC),
          StampedLocal::withTitle, r::update, StampedLocal::title);
    }

    static Stamped<StampedOffset, OffsetDateTime> offsetDateTimes(DataSource dataSource) {
      StampedOffsetRepository r = new StampedOffsetRepository(dataSource);
      return new Stamped<>("stamped_offset", true, id -> r.insert(new StampedOffset(id, "a", null)),
          id -> r.findById(id).orElseThrow(), StampedOffset::version, OffsetDateTime::toInstant,
          StampedOffset::withTitle, r::update, StampedOffset::title);
    }
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("everyDatabaseUnderEveryZone")
  void instantVersionsInGapsAndOverlapsWrittenByAnotherProgramCompareAndSet(TestDatabase db, String zone) {
    underZone(db, zone, "stamped_instant", dataSource -> {
      List<Instant> versions = new ArrayList<>(
          versionWallClocks().stream().map(t -> t.toInstant(ZoneOffset.UTC)).toList());
      versions.addAll(INSTANTS);
      assertVersionsWrittenElsewhereCompareAndSet(db, dataSource, Stamped.instants(dataSource), versions,
          v -> v);
    });
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("everyDatabaseUnderEveryZone")
  void localDateTimeVersionsInGapsAndOverlapsWrittenByAnotherProgramCompareAndSet(
      TestDatabase db, String zone) {
    underZone(db, zone, "stamped_local", dataSource -> assertVersionsWrittenElsewhereCompareAndSet(
        db, dataSource, Stamped.localDateTimes(dataSource), versionWallClocks(), v -> v));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("everyDatabaseUnderEveryZone")
  void offsetDateTimeVersionsInGapsAndOverlapsWrittenByAnotherProgramCompareAndSet(
      TestDatabase db, String zone) {
    underZone(db, zone, "stamped_offset", dataSource -> {
      List<OffsetDateTime> versions = new ArrayList<>(
          versionWallClocks().stream().map(t -> t.atOffset(ZoneOffset.UTC)).toList());
      versions.addAll(OFFSET_TIMES);
      // PostgreSQL and MariaDB keep the instant, read back at UTC; SQLite keeps the offset
      assertVersionsWrittenElsewhereCompareAndSet(db, dataSource, Stamped.offsetDateTimes(dataSource),
          versions, v -> db == TestDatabase.SQLITE ? v : v.withOffsetSameInstant(ZoneOffset.UTC));
    });
  }

  /**
   * For each of {@code versions}: a row whose version another program set to it reads back as
   * {@code asRead} of it, holds it as expected (checked with plain SQL), and its version moves on
   * through compare-and-set updates ({@link #assertVersionsMoveOn}).
   */
  private static <E, V> void assertVersionsWrittenElsewhereCompareAndSet(
      TestDatabase db, DataSource dataSource, Stamped<E, V> stamped, List<V> versions,
      UnaryOperator<V> asRead) {
    long id = 0;
    for (V version : versions) {
      id++;
      stamped.insert().accept(id);
      setVersion(db, dataSource, stamped.table(), id, version, stamped.zoned());
      E read = stamped.find().apply(id);
      assertEquals(asRead.apply(version), stamped.version().apply(read),
          "version read under " + TimeZone.getDefault().getID());
      assertEquals(expectedText(db, version),
          storedText(db, dataSource, stamped.table(), "version", id, stamped.zoned()));
      assertVersionsMoveOn(stamped, stamped.instant().apply(version), read);
      assertEquals("c", stamped.title().apply(stamped.find().apply(id)));
    }
  }

  /**
   * {@code read} carries {@code version}: an update of it succeeds (its version moves on, by one
   * microsecond when {@code version} lies in the future), a second update of the result succeeds
   * (optilock's own next version compares equal too), and {@code read} is stale afterwards.
   */
  private static <E, V> void assertVersionsMoveOn(Stamped<E, V> stamped, Instant version, E read) {
    E updated = stamped.update().apply(stamped.withTitle().apply(read, "b"));
    Instant next = stamped.instant().apply(stamped.version().apply(updated));
    if (version.isAfter(Instant.now().plus(1, ChronoUnit.HOURS))) {
      assertEquals(version.plus(1, ChronoUnit.MICROS), next, "a future version moves by 1 µs");
    } else {
      assertTrue(next.isAfter(version), next + " after " + version);
    }
    E again = stamped.update().apply(stamped.withTitle().apply(updated, "c"));
    assertTrue(stamped.instant().apply(stamped.version().apply(again)).isAfter(next));
    assertThrows(RecordModifiedException.class,
        () -> stamped.update().apply(stamped.withTitle().apply(read, "stale")));
  }

  /**
   * Sets the row's version as another program would: an SQL literal, no driver conversion. {@code
   * value} is a LocalDateTime, an Instant or an OffsetDateTime; {@code zoned} says whether the
   * PostgreSQL column is a {@code timestamptz}.
   */
  private static void setVersion(
      TestDatabase db, DataSource dataSource, String table, long id, Object value, boolean zoned) {
    String literal = switch (db) {
      case SQLITE -> expectedText(db, value);
      case POSTGRESQL -> value instanceof OffsetDateTime t
          ? t.toString() // ISO with its offset, e.g. 2026-11-01T01:30-04:00
          : expectedText(db, value) + (zoned ? "+00" : "");
      case MARIADB -> expectedText(db, value);
    };
    assertEquals(1, PlainSql.update(dataSource,
        "UPDATE " + table + " SET version = '" + literal + "' WHERE id = " + id));
  }
}
