package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** TIMESTAMP and RANDOM versions, on every database. */
class TimestampAndRandomTest {

  private static void assertRecent(Instant version) {
    Instant now = Instant.now();
    assertTrue(Duration.between(version, now).abs().toSeconds() < 60, version + " is not now");
    assertEquals(0, version.getNano() % 1_000, version + " is not in whole microseconds");
  }

  @EveryDatabase
  void instantVersionsStartAtNowAndMoveForward(TestDatabase db) {
    StampedInstantRepository repository = new StampedInstantRepository(db.fresh("stamped_instant"));
    StampedInstant v1 = repository.insert(new StampedInstant(1, "a", null));
    assertRecent(v1.version());
    assertEquals(Optional.of(v1), repository.findById(1));

    StampedInstant v2 = repository.update(v1.withTitle("b"));
    assertTrue(v2.version().isAfter(v1.version()), v2.version() + " after " + v1.version());
    StampedInstant v3 = repository.update(v2.withTitle("c"));
    assertTrue(v3.version().isAfter(v2.version()));
    assertEquals(Optional.of(v3), repository.findById(1));

    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> repository.update(v1.withTitle("stale")));
    assertEquals(Optional.of(v3.version()), e.actualVersion());
    assertEquals(v1.version(), e.expectedVersion());
    assertEquals("c", repository.findById(1).orElseThrow().title());
  }

  @EveryDatabase
  void aTimestampMovesForwardEvenWhenTheClockIsBehindTheStoredVersion(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("stamped_instant");
    StampedInstantRepository repository = new StampedInstantRepository(dataSource);
    repository.insert(new StampedInstant(1, "a", null));
    Instant future = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("UPDATE stamped_instant SET version = ? WHERE id = 1")) {
      Dialect.of(connection).setInstant(statement, 1, future);
      assertEquals(1, statement.executeUpdate());
    }
    StampedInstant read = repository.findById(1).orElseThrow();
    assertEquals(future, read.version());
    StampedInstant next = repository.update(read.withTitle("b"));
    assertEquals(future.plus(1, ChronoUnit.MICROS), next.version());
    assertEquals(Optional.of(next), repository.findById(1));
  }

  @EveryDatabase
  void localDateTimeVersionsAreUtcAndMoveForward(TestDatabase db) {
    StampedLocalRepository repository = new StampedLocalRepository(db.fresh("stamped_local"));
    StampedLocal v1 = repository.insert(new StampedLocal(1, "a", null));
    assertRecent(v1.version().toInstant(ZoneOffset.UTC));
    StampedLocal v2 = repository.update(v1.withTitle("b"));
    assertTrue(v2.version().isAfter(v1.version()));
    assertEquals(Optional.of(v2), repository.findById(1));
    assertThrows(RecordModifiedException.class, () -> repository.update(v1.withTitle("stale")));
  }

  @EveryDatabase
  void offsetDateTimeVersionsMoveForward(TestDatabase db) {
    StampedOffsetRepository repository = new StampedOffsetRepository(db.fresh("stamped_offset"));
    StampedOffset v1 = repository.insert(new StampedOffset(1, "a", null));
    assertEquals(ZoneOffset.UTC, v1.version().getOffset());
    assertRecent(v1.version().toInstant());
    StampedOffset v2 = repository.update(v1.withTitle("b"));
    assertTrue(v2.version().isAfter(v1.version()));
    assertTrue(repository.findById(1).orElseThrow().version().isEqual(v2.version()));
    // a copy read back from the database still passes the compare-and-set
    StampedOffset reread = repository.findById(1).orElseThrow();
    StampedOffset v3 = repository.update(reread.withTitle("c"));
    assertTrue(v3.version().isAfter(v2.version()));
    assertThrows(RecordModifiedException.class, () -> repository.update(v2.withTitle("stale")));
  }

  @EveryDatabase
  void microsecondVersionsOnALongMoveForward(TestDatabase db) {
    StampedMicrosRepository repository = new StampedMicrosRepository(db.fresh("stamped_micros"));
    StampedMicros v1 = repository.insert(new StampedMicros(1, "a", 0));
    long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    assertTrue(Math.abs(nowMicros - v1.version()) < 60_000_000L, "version " + v1.version());
    StampedMicros v2 = repository.update(v1.withTitle("b"));
    assertTrue(v2.version() > v1.version());
    assertEquals(Optional.of(v2), repository.findById(1));
    assertThrows(RecordModifiedException.class, () -> repository.update(v1.withTitle("stale")));
    // save() sees 0 as "not saved yet"
    assertEquals("new", repository.save(new StampedMicros(2, "new", 0)).title());
  }

  @EveryDatabase
  void randomVersionsAreFreshOnEveryWrite(TestDatabase db) {
    TokenedRepository repository = new TokenedRepository(db.fresh("tokened"));
    Tokened v1 = repository.insert(new Tokened(1, "a", null));
    assertNotNull(v1.version());
    assertEquals(Optional.of(v1), repository.findById(1));
    Tokened v2 = repository.update(v1.withTitle("b"));
    assertNotEquals(v1.version(), v2.version());
    assertEquals(Optional.of(v2), repository.findById(1));
    assertEquals(Optional.of(v2), repository.findByIdAndVersion(1, v2.version()));
    assertEquals(Optional.empty(), repository.findByIdAndVersion(1, v1.version()));

    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> repository.update(v1.withTitle("stale")));
    assertEquals(Optional.of(v2.version()), e.actualVersion());
    assertThrows(RecordModifiedException.class, () -> repository.delete(v1));
    repository.delete(v2);
    assertEquals(Optional.empty(), repository.findById(1));
    assertThrows(
        IllegalArgumentException.class, () -> repository.update(new Tokened(1, "x", (UUID) null)));
  }

  @EveryDatabase
  void timestampVersionsNeverRepeatUnderRapidUpdates(TestDatabase db) {
    StampedInstantRepository repository = new StampedInstantRepository(db.fresh("stamped_instant"));
    StampedInstant current = repository.insert(new StampedInstant(1, "0", null));
    for (int i = 1; i <= 50; i++) {
      StampedInstant next = repository.update(current.withTitle(Integer.toString(i)));
      assertTrue(next.version().isAfter(current.version()), "update " + i);
      current = next;
    }
    assertEquals(Optional.of(current), repository.findById(1));
  }
}
