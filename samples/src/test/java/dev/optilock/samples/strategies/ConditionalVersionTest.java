package dev.optilock.samples.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.Optional;

/** checkFields and ignoreFields: the database decides inside the UPDATE whether to move the version. */
class ConditionalVersionTest {

  @EveryDatabase
  void changingOnlyAnUncheckedFieldWritesItWithoutANewVersion(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page v1 = pages.insert(new Page(1, "Title", "body", 0));
    Page edited = pages.update(v1.with("Title", "new body"));
    assertEquals(1, edited.version());
    assertEquals(Optional.of(new Page(1, "Title", "new body", 1)), pages.findById(1));
  }

  @EveryDatabase
  void changingACheckedFieldMovesTheVersion(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page v1 = pages.insert(new Page(1, "Title", "body", 0));
    Page v2 = pages.update(v1.with("New title", "body"));
    assertEquals(2, v2.version());
    assertEquals(Optional.of(v2), pages.findById(1));
  }

  @EveryDatabase
  void aConcurrentChangeToACheckedFieldIsStillAConflict(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page alice = pages.insert(new Page(1, "Title", "body", 0));
    Page bob = alice;
    pages.update(alice.with("Alice's title", "body"));
    RecordModifiedException e =
        assertThrows(
            RecordModifiedException.class, () -> pages.update(bob.with("Title", "Bob's body")));
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(Optional.of(new Page(1, "Alice's title", "body", 2)), pages.findById(1));
  }

  @EveryDatabase
  void theCompareAndSetCheckRunsEvenWhenTheVersionWouldNotMove(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page v1 = pages.insert(new Page(1, "Title", "body", 0));
    Page v2 = pages.update(v1.with("Other", "body"));
    assertThrows(RecordModifiedException.class, () -> pages.update(v1.with("Title", "body only")));
    assertEquals(Optional.of(v2), pages.findById(1));
  }

  @EveryDatabase
  void nullsCountAsValuesWhenComparing(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page v1 = pages.insert(new Page(1, null, "body", 0));
    assertEquals(1, pages.update(v1.with(null, "b2")).version(), "null to null is no change");
    Page v2 = pages.update(pages.findById(1).orElseThrow().with("now set", "b2"));
    assertEquals(2, v2.version(), "null to a value is a change");
    assertEquals(3, pages.update(v2.with(null, "b2")).version(), "a value to null is a change");
  }

  @EveryDatabase
  void ignoredFieldsDoNotMoveATimestampVersionButOthersDo(TestDatabase db) {
    WikiRepository wikis = new WikiRepository(db.fresh("wiki"));
    Wiki v1 = wikis.insert(new Wiki(1, "text", 0L, null));
    Wiki viewed = wikis.update(v1.with("text", 41L));
    assertEquals(v1.version(), viewed.version());
    assertEquals(41L, wikis.findById(1).orElseThrow().views());

    Wiki edited = wikis.update(viewed.with("new text", 42L));
    assertTrue(edited.version().isAfter(v1.version()));
    assertEquals(Optional.of(edited), wikis.findById(1));
    assertThrows(RecordModifiedException.class, () -> wikis.update(viewed.with("stale", 43L)));
  }
}
