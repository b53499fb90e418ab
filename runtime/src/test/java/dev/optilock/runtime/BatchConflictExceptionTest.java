package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 12, item 9: the message stays small however many rows conflict; conflicts() has them all. */
class BatchConflictExceptionTest {
  record Article(long id, long version) {}

  private static List<Conflict<Article>> conflicts(int count) {
    List<Conflict<Article>> conflicts = new ArrayList<>(count);
    for (long id = 1; id <= count; id++) {
      conflicts.add(id % 2 == 0
          ? new Conflict<>(id, 1L, Optional.empty(), new Article(id, 1))
          : new Conflict<>(id, 1L, Optional.of(2L), new Article(id, 1)));
    }
    return conflicts;
  }

  @Test
  void aHundredThousandConflictsGiveAShortMessageAndAreAllKept() {
    List<Conflict<Article>> all = conflicts(100_000);
    BatchConflictException e = new BatchConflictException(Article.class, all, 100_000);
    assertTrue(e.getMessage().length() < 1_000, () -> e.getMessage().length() + " characters");
    assertEquals("100000 of 100000 Article rows changed since they were read; nothing was written:"
        + " Article[id=1] expected version 1, found 2; Article[id=2] was deleted (expected version 1);"
        + " Article[id=3] expected version 1, found 2; Article[id=4] was deleted (expected version 1);"
        + " Article[id=5] expected version 1, found 2; Article[id=6] was deleted (expected version 1);"
        + " Article[id=7] expected version 1, found 2; Article[id=8] was deleted (expected version 1);"
        + " Article[id=9] expected version 1, found 2; Article[id=10] was deleted (expected version 1);"
        + " ... and 99,990 more (conflicts() lists every one)", e.getMessage());
    assertEquals(100_000, e.conflicts().size());
    for (int i = 0; i < all.size(); i++) {
      assertSame(all.get(i), e.conflicts().get(i));
    }
  }

  @Test
  void upToTenConflictsAreAllInTheMessage() {
    BatchConflictException ten = new BatchConflictException(Article.class, conflicts(10), 12);
    assertTrue(ten.getMessage().endsWith("Article[id=10] was deleted (expected version 1)"), ten.getMessage());
    BatchConflictException eleven = new BatchConflictException(Article.class, conflicts(11), 12);
    assertTrue(eleven.getMessage().endsWith("... and 1 more (conflicts() lists every one)"),
        eleven.getMessage());
  }

  @Test
  void aHugeIdIsShortenedInTheMessageButKeptWhole() {
    String huge = "k".repeat(1_000_000);
    Conflict<Article> conflict = new Conflict<>(huge, 1L, Optional.of(2L), new Article(1, 1));
    BatchConflictException e = new BatchConflictException(Article.class, List.of(conflict), 1);
    assertTrue(e.getMessage().length() < 1_000, () -> e.getMessage().length() + " characters");
    assertTrue(e.getMessage().contains("Article[id=" + "k".repeat(100) + "...(1000000 characters)]"),
        e::getMessage);
    assertSame(huge, e.conflicts().get(0).id());
  }
}
