package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.PlainSql;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQLite keeps times as text, and other programs write other text for the same time than optilock
 * does ({@code 2026-03-29 02:30:00.123456} for {@code 2026-03-29T02:30:00.123456000Z}). Such a
 * version reads as the time it spells, and every compare-and-set against it succeeds: a failed
 * one that finds the row holding the expected time in other text runs again against that exact
 * text. And a failed compare-and-set whose row holds the expected version is never reported as a
 * conflict ("expected X, found X").
 */
class TimestampTextTest {

  private static final TestDatabase SQLITE = TestDatabase.SQLITE;

  /** Stored text (by another program) and the Instant it spells. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-03-29 02:30:00.123456        | 2026-03-29T02:30:00.123456Z",
      "2026-03-29 02:30:00               | 2026-03-29T02:30:00Z",
      "2026-03-29 02:30:00.123456+00:00  | 2026-03-29T02:30:00.123456Z",
      "2026-03-29T02:30:00.123456Z       | 2026-03-29T02:30:00.123456Z",
      "2026-03-29T02:30:00.123Z          | 2026-03-29T02:30:00.123Z",
      "2026-03-29T02:30Z                 | 2026-03-29T02:30:00Z",
      "2026-03-29T04:30:00.123456+02:00  | 2026-03-29T02:30:00.123456Z",
      "2026-03-29 02:30:00.123456000+00:00 | 2026-03-29T02:30:00.123456Z"})
  void instantVersionsInOtherTextCompareAndSet(String stored, String expected) {
    DataSource dataSource = SQLITE.fresh("stamped_instant");
    assertEveryCompareAndSetMatches(dataSource, Calls.instants(dataSource), stored, Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-03-29 02:30:00.123456 | 2026-03-29T02:30:00.123456",
      "2026-03-29 02:30:00        | 2026-03-29T02:30:00",
      "2026-03-29T02:30:00.123    | 2026-03-29T02:30:00.123",
      "2026-03-29T02:30           | 2026-03-29T02:30:00"})
  void localDateTimeVersionsInOtherTextCompareAndSet(String stored, String expected) {
    DataSource dataSource = SQLITE.fresh("stamped_local");
    assertEveryCompareAndSetMatches(dataSource, Calls.localDateTimes(dataSource), stored,
        LocalDateTime.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-03-29 02:30:00.123456+02:00 | 2026-03-29T02:30:00.123456+02:00",
      "2026-03-29T02:30:00Z             | 2026-03-29T02:30:00Z",
      "2026-03-29 02:30:00              | 2026-03-29T02:30:00Z",
      "2026-03-29T02:30:00.5-05:00      | 2026-03-29T02:30:00.5-05:00"})
  void offsetDateTimeVersionsInOtherTextCompareAndSet(String stored, String expected) {
    DataSource dataSource = SQLITE.fresh("stamped_offset");
    assertEveryCompareAndSetMatches(dataSource, Calls.offsetDateTimes(dataSource), stored,
        OffsetDateTime.parse(expected));
  }

  /** The calls of a repository of {@code Stamped*} rows ({@code id, title, version}) these tests make. */
  private record Calls<E, V>(
      String table,
      LongFunction<E> insert,
      LongFunction<Optional<E>> findById,
      Function<E, V> version,
      BiFunction<E, String, E> withTitle,
      UnaryOperator<E> update,
      Function<E, Optional<E>> tryUpdate,
      UnaryOperator<E> updateWithoutIncrement,
      Consumer<E> delete,
      Predicate<E> isChanged,
      BiFunction<Long, V, Optional<E>> findByIdAndVersion,
      Function<List<E>, BatchResult<E>> updateAll) {

    static Calls<StampedInstant, Instant> instants(DataSource dataSource) {
      StampedInstantRepository r = new StampedInstantRepository(dataSource);
      return new Calls<>("stamped_instant", id -> r.insert(new StampedInstant(id, "a", null)), r::findById,
          StampedInstant::version, StampedInstant::withTitle, r::update, r::tryUpdate,
          r::updateWithoutIncrement, r::delete, r::isChanged, r::findByIdAndVersion,
          list -> r.updateAll(list, ConflictPolicy.ABORT_ALL));
    }

    static Calls<StampedLocal, LocalDateTime> localDateTimes(DataSource dataSource) {
      StampedLocalRepository r = new StampedLocalRepository(dataSource);
      return new Calls<>("stamped_local", id -> r.insert(new StampedLocal(id, "a", null)), r::findById,
          StampedLocal::version, StampedLocal::withTitle, r::update, r::tryUpdate,
          r::updateWithoutIncrement, r::delete, r::isChanged, r::findByIdAndVersion,
          list -> r.updateAll(list, ConflictPolicy.ABORT_ALL));
    }

    static Calls<StampedOffset, OffsetDateTime> offsetDateTimes(DataSource dataSource) {
      StampedOffsetRepository r = new StampedOffsetRepository(dataSource);
      return new Calls<>("stamped_offset", id -> r.insert(new StampedOffset(id, "a", null)), r::findById,
          StampedOffset::version, StampedOffset::withTitle, r::update, r::tryUpdate,
          r::updateWithoutIncrement, r::delete, r::isChanged, r::findByIdAndVersion,
          list -> r.updateAll(list, ConflictPolicy.ABORT_ALL));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-03-29 02:30:00.123456 | 2026-03-29T02:30:00.123456Z",
      "2026-03-29T04:30:00+02:00  | 2026-03-29T02:30:00Z"})
  void conditionalVersionsInOtherTextCompareAndSet(String stored, String expected) {
    // ignoreFields: the update reads its version back (RETURNING on SQLite)
    DataSource dataSource = SQLITE.fresh("wiki");
    WikiRepository repository = new WikiRepository(dataSource);
    repository.insert(new Wiki(1, "a", 0L, null));
    setVersionText(dataSource, "wiki", 1, stored);
    Wiki read = repository.findById(1).orElseThrow();
    assertEquals(Instant.parse(expected), read.version());

    Wiki viewed = repository.update(read.with("a", 1L)); // ignored field: the version stays
    assertEquals(read.version(), viewed.version());
    assertEquals(stored, versionText(dataSource, "wiki", 1), "the text is left as it was");
    Wiki edited = repository.tryUpdate(viewed.with("b", 1L)).orElseThrow();
    assertTrue(edited.version().isAfter(read.version()));
    assertEquals(Optional.of(edited), repository.findById(1));
  }

  /**
   * The row's version is {@code stored}, text another program wrote that spells {@code version}:
   * it reads as {@code version}, and update, tryUpdate, updateWithoutIncrement, delete,
   * findByIdAndVersion and updateAll all match it; isChanged says it is unchanged; and an entity
   * with another version still conflicts.
   */
  private static <E, V> void assertEveryCompareAndSetMatches(
      DataSource dataSource, Calls<E, V> calls, String stored, V version) {
    for (long id = 1; id <= 5; id++) {
      calls.insert().apply(id);
      setVersionText(dataSource, calls.table(), id, stored);
    }
    E read = calls.findById().apply(1).orElseThrow();
    assertEquals(version, calls.version().apply(read));
    assertFalse(calls.isChanged().test(read));
    assertEquals(Optional.of(read), calls.findByIdAndVersion().apply(1L, version));

    // a shadow save keeps the version, and the other program's text
    assertEquals(read, calls.updateWithoutIncrement().apply(read));
    assertEquals(stored, versionText(dataSource, calls.table(), 1));

    E updated = calls.update().apply(calls.withTitle().apply(read, "b"));
    assertNotEquals(version, calls.version().apply(updated));
    assertEquals(Optional.of(updated), calls.findById().apply(1));
    // the copy read before is stale now: a real conflict, reported with both versions
    RecordModifiedException stale = assertThrows(RecordModifiedException.class,
        () -> calls.update().apply(calls.withTitle().apply(read, "c")));
    assertEquals(version, stale.expectedVersion());
    assertEquals(Optional.of(calls.version().apply(updated)), stale.actualVersion());

    E second = calls.findById().apply(2).orElseThrow();
    E tried = calls.tryUpdate().apply(calls.withTitle().apply(second, "b")).orElseThrow();
    assertNotEquals(version, calls.version().apply(tried));

    calls.delete().accept(calls.findById().apply(3).orElseThrow());
    assertEquals(Optional.empty(), calls.findById().apply(3));

    BatchResult<E> batch = calls.updateAll().apply(List.of(
        calls.withTitle().apply(calls.findById().apply(4).orElseThrow(), "b"),
        calls.withTitle().apply(calls.findById().apply(5).orElseThrow(), "b")));
    assertEquals(List.of(), batch.conflicts());
    assertEquals(2, batch.updated().size());
    batch.updated().forEach(e -> assertNotEquals(version, calls.version().apply(e)));
  }

  /**
   * An OffsetDateTime version is compared as an instant on every database: a copy that carries the
   * stored instant at another offset is not changed, is found by findByIdAndVersion and updates.
   * (PostgreSQL and MariaDB compare instants; on SQLite the text differs and the update runs again
   * against the stored text.)
   */
  @EveryDatabase
  void anOffsetDateTimeVersionIsComparedAsAnInstant(TestDatabase db) {
    StampedOffsetRepository repository = new StampedOffsetRepository(db.fresh("stamped_offset"));
    StampedOffset stored = repository.insert(new StampedOffset(1, "a", null));
    StampedOffset elsewhere = new StampedOffset(1, "a",
        stored.version().withOffsetSameInstant(java.time.ZoneOffset.ofHoursMinutes(5, 30)));
    assertFalse(repository.isChanged(elsewhere));
    assertTrue(repository.findByIdAndVersion(1, elsewhere.version()).isPresent());
    StampedOffset updated = repository.update(elsewhere.withTitle("b"));
    assertTrue(updated.version().isAfter(stored.version()));
    assertEquals("b", repository.findById(1).orElseThrow().title());
    assertThrows(RecordModifiedException.class, () -> repository.update(elsewhere.withTitle("c")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"yesterday", "2026-13-01 00:00:00", "1774751400"})
  void textThatIsNoTimeIsRefusedNamingTheColumn(String stored) {
    DataSource dataSource = SQLITE.fresh("stamped_instant");
    StampedInstantRepository repository = new StampedInstantRepository(dataSource);
    repository.insert(new StampedInstant(1, "a", null));
    setVersionText(dataSource, "stamped_instant", 1, stored);
    DataAccessException e = assertThrows(DataAccessException.class, () -> repository.findById(1));
    assertEquals("reading column version: '" + stored + "' cannot be read as Instant; optilock"
        + " writes 2026-03-29T02:30:00.123456000Z and also reads the form 2026-03-29"
        + " 02:30:00[.ffffff][+hh:mm]", e.getMessage());
  }

  /**
   * A UUID version that another program wrote in upper case reads as the same UUID. On SQLite the
   * text does not compare equal to the lower-case text optilock binds, and the failed
   * compare-and-set finds the row holding the expected version: that is reported as what it is,
   * a DataAccessException, never as "modified concurrently: expected X, found X". PostgreSQL's
   * {@code uuid} and MariaDB's case-insensitive collation compare it equal: the update succeeds.
   */
  @EveryDatabase
  void aStoredVersionEqualToTheExpectedOneIsNoConflict(TestDatabase db) {
    DataSource dataSource = db.fresh("tokened");
    TokenedRepository repository = new TokenedRepository(dataSource);
    repository.insert(new Tokened(1, "a", null));
    repository.insert(new Tokened(2, "a", null));
    UUID version = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    String upper = version.toString().toUpperCase(Locale.ROOT);
    setVersionText(dataSource, "tokened", 1, upper);
    setVersionText(dataSource, "tokened", 2, upper);
    Tokened read = repository.findById(1).orElseThrow();
    assertEquals(version, read.version());
    if (db != TestDatabase.SQLITE) {
      assertNotEquals(version, repository.update(read.withTitle("b")).version());
      return;
    }
    DataAccessException e =
        assertThrows(DataAccessException.class, () -> repository.update(read.withTitle("b")));
    assertEquals("Tokened[id=1]: the compare-and-set found no row with version " + version
        + ", yet the row's version reads back as that same value: column tokened.version holds it"
        + " in a form the database does not compare equal to the value optilock binds (such as"
        + " text another program wrote differently). This is not a concurrent change, and nothing"
        + " was written; store the version as optilock writes it (docs/types.md)", e.getMessage());
    assertThrows(DataAccessException.class, () -> repository.delete(read));
    Tokened other = repository.findById(2).orElseThrow();
    assertThrows(DataAccessException.class,
        () -> repository.updateAll(List.of(other.withTitle("b")), ConflictPolicy.SKIP_CONFLICTS));
    assertEquals(upper, versionText(dataSource, "tokened", 1));
    assertEquals("a", repository.findById(1).orElseThrow().title());
    assertEquals("a", repository.findById(2).orElseThrow().title());
  }

  /** Sets the version as another program would: an SQL literal (the tests' own constants). */
  private static void setVersionText(DataSource dataSource, String table, long id, String text) {
    assertEquals(1, PlainSql.update(dataSource,
        "UPDATE " + table + " SET version = '" + text + "' WHERE id = " + id));
  }

  /** The version column's text (on SQLite, where these tests read it). */
  private static String versionText(DataSource dataSource, String table, long id) {
    return PlainSql.text(dataSource, "SELECT version FROM " + table + " WHERE id = ?", id);
  }
}
