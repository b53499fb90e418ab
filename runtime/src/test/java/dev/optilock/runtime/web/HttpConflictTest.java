package dev.optilock.runtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpConflictTest {
  record Article(long id, String title, long version) {}

  @Test
  void aModifiedRowIs409WithTheCurrentRepresentationAndItsTag() {
    Article mine = new Article(7, "<mine>", 3);
    Article theirs = new Article(7, "theirs", 4);
    HttpConflict<Article> conflict = HttpConflict.of(
        new RecordModifiedException(Article.class, 7L, 3L, 4L, mine, theirs), Article.class);
    assertEquals(409, conflict.status());
    assertEquals(Optional.of(theirs), conflict.current());
    assertEquals(mine, conflict.rejected());
    assertFalse(conflict.deleted());
    assertEquals(Optional.of(EntityTag.ofVersion(4L)),
        conflict.currentETag(a -> EntityTag.ofVersion(a.version())));
    assertTrue(conflict.detail().contains("changed after you read version 3"), conflict.detail());
    assertFalse(conflict.detail().contains("<mine>"), conflict.detail());
  }

  @Test
  void aDeletedRowIs409WithoutARepresentation() {
    HttpConflict<Article> conflict = HttpConflict.of(
        new RecordModifiedException(Article.class, 7L, 3L, null, new Article(7, "x", 3), null),
        Article.class);
    assertEquals(409, conflict.status());
    assertTrue(conflict.deleted());
    assertEquals(Optional.empty(), conflict.currentETag(a -> EntityTag.ofVersion(a.version())));
    assertTrue(conflict.detail().contains("was deleted"), conflict.detail());
  }

  @Test
  void aConflictAboutAnotherTypeIsRefused() {
    RecordModifiedException e = new RecordModifiedException(String.class, 1, 1, 2, "a", "b");
    assertThrows(ClassCastException.class, () -> HttpConflict.of(e, Article.class));
  }
}
