package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordModifiedExceptionTest {
  record Article(long id, long version) {}

  @Test
  void aModifiedRowCarriesBothVersionsAndBothObjects() {
    Article mine = new Article(42, 3);
    Article theirs = new Article(42, 4);
    RecordModifiedException e =
        new RecordModifiedException(Article.class, 42L, 3L, 4L, mine, theirs);
    assertEquals("Article[id=42] was modified concurrently: expected version 3, found 4", e.getMessage());
    assertEquals(Optional.of(4L), e.actualVersion());
    assertEquals(Optional.of(theirs), e.current(Article.class));
    assertEquals(mine, e.target(Article.class));
  }

  @Test
  void aDeletedRowHasNoActualVersionAndNoCurrentRow() {
    RecordModifiedException e =
        new RecordModifiedException(Article.class, 42L, 3L, null, new Article(42, 3), null);
    assertEquals("Article[id=42] was deleted: expected version 3, found no row", e.getMessage());
    assertEquals(Optional.empty(), e.actualVersion());
    assertEquals(Optional.empty(), e.current(Article.class));
  }

  @Test
  void aHugeIdIsShortenedInTheMessageButKeptWhole() {
    String huge = "\u00e9".repeat(500_000);
    RecordModifiedException e = new RecordModifiedException(Article.class, huge, 3L, 4L, null, null);
    assertEquals("Article[id=" + "\u00e9".repeat(100) + "...(500000 characters)] was modified concurrently:"
        + " expected version 3, found 4", e.getMessage());
    assertSame(huge, e.id());
    CompositeKey key = CompositeKey.of(java.util.List.of("a", "b"), huge, 7L);
    RecordModifiedException composite = new RecordModifiedException(Article.class, key, 3L, null, null, null);
    assertEquals("Article[a=" + "\u00e9".repeat(100) + "...(500000 characters), b=7] was deleted:"
        + " expected version 3, found no row", composite.getMessage());
  }

  @Test
  void typedAccessorsRefuseTheWrongType() {
    RecordModifiedException e =
        new RecordModifiedException(Article.class, 1L, 1L, 2L, new Article(1, 1), new Article(1, 2));
    assertThrows(ClassCastException.class, () -> e.target(String.class));
  }
}
