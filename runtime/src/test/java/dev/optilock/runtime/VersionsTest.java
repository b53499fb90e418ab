package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
}
