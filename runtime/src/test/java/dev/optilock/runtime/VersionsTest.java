package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void notSavedNamesTheEntityAndTheWayOut() {
    assertEquals(
        "String[id=7] has version null, which means it was never saved: insert or save it first",
        Versions.notSaved(String.class, 7, null).getMessage());
  }
}
