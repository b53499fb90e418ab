package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionOverflowException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void countersMoveOnByOne() {
    assertEquals(2, Versions.next(1));
    assertEquals(Integer.MAX_VALUE, Versions.next(Integer.MAX_VALUE - 1));
    assertEquals(5_000_000_001L, Versions.next(5_000_000_000L));
  }

  @Test
  void anIntCounterAtItsMaximumIsAnErrorNotAWrapAround() {
    VersionOverflowException e =
        assertThrows(VersionOverflowException.class, () -> Versions.next(Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("widen the version field and column to long"), e.getMessage());
  }

  @Test
  void aLongCounterAtItsMaximumIsAnError() {
    assertThrows(VersionOverflowException.class, () -> Versions.next(Long.MAX_VALUE));
  }

  @Test
  void anUncheckedUpdateThatMissedARowAtTheLargestVersionIsAnOverflowElseTheConflict() {
    RecordModifiedException atInt = new RecordModifiedException(String.class, 7, 3, Integer.MAX_VALUE, "t", "c");
    assertEquals("String[id=7]: version 2147483647 is the largest int; widen the version field and column"
        + " to long", Versions.goneOrAtLargest(atInt).getMessage());
    assertInstanceOf(VersionOverflowException.class, Versions.goneOrAtLargest(atInt));
    RecordModifiedException atLong = new RecordModifiedException(String.class, 8, 3L, Long.MAX_VALUE, "t", "c");
    assertEquals("String[id=8]: version 9223372036854775807 is the largest long",
        Versions.goneOrAtLargest(atLong).getMessage());
    // a long version that holds Integer.MAX_VALUE can still move on
    RecordModifiedException longAtIntMax =
        new RecordModifiedException(String.class, 9, 3L, (long) Integer.MAX_VALUE, "t", "c");
    assertSame(longAtIntMax, Versions.goneOrAtLargest(longAtIntMax));
    RecordModifiedException gone = new RecordModifiedException(String.class, 7, 3, null, "t", null);
    assertSame(gone, Versions.goneOrAtLargest(gone));
  }

  @Test
  void anUncheckedTimestampWriteRetriesPastTheStoredVersionABoundedNumberOfTimes() {
    Instant stored = Instant.parse("2100-01-01T00:00:00.000001Z");
    for (int attempt = 1; attempt < Versions.UNCHECKED_ATTEMPTS; attempt++) {
      assertSame(stored, Versions.retryPast(String.class, 7, stored, attempt));
    }
    DataAccessException tooMany = assertThrows(DataAccessException.class,
        () -> Versions.retryPast(String.class, 7, stored, Versions.UNCHECKED_ATTEMPTS));
    assertEquals("String[id=7]: the unchecked write gave up after 10 attempts, each of which found the"
        + " row's version at or past the one it computed (last 2100-01-01T00:00:00.000001Z), so other"
        + " writes keep moving it; nothing was written, and running it again is safe",
        tooMany.getMessage());
    DataAccessException nullVersion = assertThrows(DataAccessException.class,
        () -> Versions.retryPast(String.class, 7, null, 1));
    assertTrue(nullVersion.getMessage().startsWith("String[id=7]: the unchecked write found the row's"
        + " version null"), nullVersion.getMessage());
    // the next attempt's version is above the stored one, in each unit
    assertEquals(Instant.parse("2100-01-01T00:00:00.000002Z"),
        Versions.nextTimestamp(Versions.retryPast(String.class, 7, stored, 1)));
    assertEquals(4102444800000002L,
        Versions.nextMicros(Versions.retryPast(String.class, 7, 4102444800000001L, 1)));
  }

  @Test
  void notSavedNamesTheEntityAndTheWayOut() {
    assertEquals(
        "String[id=7] has version null, which means it was never saved: insert or save it first",
        Versions.notSaved(String.class, 7, null).getMessage());
  }

  /** Now in microseconds since the epoch, from the system clock. */
  private static long microsNow() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  @Test
  void firstVersionsAreNowInMicroseconds() {
    long before = microsNow();
    long micros = Versions.firstMicros();
    Instant instant = Versions.firstInstant();
    LocalDateTime local = Versions.firstLocalDateTime();
    OffsetDateTime offset = Versions.firstOffsetDateTime();
    long after = microsNow();
    assertTrue(before <= micros && micros <= after, before + " <= " + micros + " <= " + after);
    for (Instant time : new Instant[] {instant, local.toInstant(ZoneOffset.UTC), offset.toInstant()}) {
      long at = ChronoUnit.MICROS.between(Instant.EPOCH, time);
      assertTrue(before <= at && at <= after, before + " <= " + time + " <= " + after);
      assertEquals(0, time.getNano() % 1_000, time + " is in whole microseconds");
    }
    assertEquals(ZoneOffset.UTC, offset.getOffset());
  }

  @Test
  void nextTimestampsMoveOnFromAVersionAheadOfTheClockByOneMicrosecond() {
    Instant ahead = Instant.parse("2100-01-01T00:00:00.000001999Z");
    assertEquals(Instant.parse("2100-01-01T00:00:00.000002Z"), Versions.nextTimestamp(ahead));
    assertEquals(LocalDateTime.parse("2100-01-01T00:00:00.000002"),
        Versions.nextTimestamp(LocalDateTime.parse("2100-01-01T00:00:00.000001")));
    assertEquals(OffsetDateTime.parse("2100-01-01T00:00:00.000002Z"),
        Versions.nextTimestamp(OffsetDateTime.parse("2100-01-01T02:00:00.000001+02:00")));
    assertEquals(4102444800000002L, Versions.nextMicros(4102444800000001L));
    // a version behind the clock moves to now
    long before = microsNow();
    long next = Versions.nextMicros(5);
    assertTrue(before <= next && next <= microsNow(), "now, not 6: " + next);
    Instant old = Instant.parse("2000-01-01T00:00:00Z");
    assertTrue(Versions.nextTimestamp(old).isAfter(Instant.parse("2020-01-01T00:00:00Z")));
  }

  @Test
  void offsetDateTimesAreTheSameVersionWhenTheyAreTheSameInstant() {
    OffsetDateTime utc = OffsetDateTime.parse("2026-03-29T00:30:00.123456Z");
    OffsetDateTime paris = OffsetDateTime.parse("2026-03-29T01:30:00.123456+01:00");
    assertTrue(Versions.same(paris, utc));
    assertFalse(Versions.same(paris.plusNanos(1_000), utc));
    assertFalse(Versions.same(paris, utc.toInstant()), "another type is another version");
    assertTrue(Versions.same(3L, 3L));
    assertFalse(Versions.same(3L, 4L));
    assertFalse(Versions.same(3L, 3), "a Long is not an Integer");
    assertTrue(Versions.same(null, null));
    assertFalse(Versions.same(null, 3L));
    assertFalse(Versions.same(utc, null));
  }

  @Test
  void aRepresentationMismatchSaysWhichColumnAndThatItIsNoConflict() {
    String withColumn = Versions.representationMismatch(String.class, 7, 3L, "doc.version").getMessage();
    assertTrue(withColumn.startsWith("String[id=7]: the compare-and-set found no row with version 3,"
        + " yet the row's version reads back as that same value: column doc.version holds it"),
        withColumn);
    String without = Versions.representationMismatch(String.class, 7, 3L, null).getMessage();
    assertTrue(without.contains("that same value: its version column holds it"), without);
  }

  @Test
  void randomVersionsDiffer() {
    assertFalse(Versions.random().equals(Versions.random()));
  }
}
