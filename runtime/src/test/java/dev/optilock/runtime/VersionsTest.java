package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void notSavedNamesTheEntityAndTheWayOut() {
    assertEquals(
        "String[id=7] has version null, which means it was never saved: insert or save it first",
        Versions.notSaved(String.class, 7, null).getMessage());
  }
}
