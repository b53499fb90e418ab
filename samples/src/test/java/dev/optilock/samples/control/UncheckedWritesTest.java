package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Stored.DocumentRow;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.model.Note;
import dev.optilock.samples.model.NoteRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.StampedInstant;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocal;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedMicros;
import dev.optilock.samples.strategies.StampedMicrosRepository;
import dev.optilock.samples.strategies.StampedOffset;
import dev.optilock.samples.strategies.StampedOffsetRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Per-call control (issue 4, item 1): {@code updateUnchecked} writes without the check and still
 * moves the version; {@code updateWithoutIncrement} checks and keeps the version.
 */
class UncheckedWritesTest {

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  // ---------------------------------------------------------------- updateUnchecked, records

  @EveryDatabase
  void updateUncheckedWritesACopySeveralVersionsBehindAndMovesTheStoredVersionByOne(
      TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article v1 = articles.insert(new Article(1, "original", "body", 0));
    Article other = articles.insert(new Article(2, "bystander", "b", 0));
    Article v2 = articles.update(v1.withTitle("second"));
    Article v3 = articles.update(v2.withTitle("third"));
    Article v4 = articles.update(v3.withTitle("fourth"));
    assertEquals(4, v4.version());

    // the caller's copy is three versions behind: written anyway, version = stored 4 + 1
    Article imported = articles.updateUnchecked(new Article(1, "imported", "new body", 1));
    assertEquals(new Article(1, "imported", "new body", 5), imported);
    assertEquals(List.of(imported, other), articles.findAll());
    assertEquals(Map.of(1L, 5L, 2L, 1L), Stored.versions(dataSource, "article"));

    // copies read before the unchecked write are stale now
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.update(v4.withTitle("late")));
    assertEquals(Optional.of(5L), e.actualVersion());
    assertEquals(List.of(imported, other), articles.findAll());

    // the returned copy is the current one
    Article next = articles.update(imported.withTitle("after"));
    assertEquals(6, next.version());
    assertEquals(List.of(next, other), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedIgnoresAVersionAheadOfTheStoredOneToo(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article v1 = articles.insert(new Article(1, "a", "b", 0));
    articles.update(v1.withTitle("a2"));
    // a version the row never had: still "stored + 1", not "caller's + 1"
    Article written = articles.updateUnchecked(new Article(1, "from the future", "b", 40));
    assertEquals(new Article(1, "from the future", "b", 3), written);
    assertEquals(List.of(written), articles.findAll());
    // a current copy is written too, and moves the version by one
    Article again = articles.updateUnchecked(written.withTitle("current copy"));
    assertEquals(new Article(1, "current copy", "b", 4), again);
    assertEquals(List.of(again), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedOfADeletedRowThrowsDeletedAndRecreatesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article gone = articles.insert(new Article(7, "t", "b", 0));
    Article kept = articles.insert(new Article(8, "kept", "b", 0));
    articles.delete(gone);

    Article edit = gone.withTitle("resurrect?");
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.updateUnchecked(edit));
    assertEquals("Article[id=7] was deleted: expected version 1, found no row", e.getMessage());
    assertEquals(Article.class, e.entityType());
    assertEquals(7L, e.id());
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.empty(), e.actualVersion());
    assertEquals(Optional.empty(), e.current());
    assertSame(edit, e.target());
    assertEquals(List.of(kept), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedRefusesAnUnsavedEntityAndNull(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article stored = articles.insert(new Article(1, "stored", "b", 0));
    assertThrows(
        IllegalArgumentException.class, () -> articles.updateUnchecked(new Article(1, "x", "y", 0)));
    assertEquals(
        "article",
        assertThrows(NullPointerException.class, () -> articles.updateUnchecked(null)).getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> articles.updateWithoutIncrement(new Article(1, "x", "y", 0)));
    assertEquals(
        "article",
        assertThrows(NullPointerException.class, () -> articles.updateWithoutIncrement(null))
            .getMessage());
    assertEquals(List.of(stored), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ---------------------------------------------------------- updateWithoutIncrement, records

  @EveryDatabase
  void updateWithoutIncrementWritesAndKeepsTheVersionSoOtherCopiesStillSucceed(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article loaded = articles.insert(new Article(1, "title", "body", 0));
    Article bobsCopy = articles.findById(1).orElseThrow();

    Article shadow = articles.updateWithoutIncrement(loaded.withTitle("shadow save"));
    assertEquals(new Article(1, "shadow save", "body", 1), shadow);
    assertEquals(List.of(shadow), articles.findAll());
    assertEquals(Map.of(1L, 1L), Stored.versions(dataSource, "article"));

    // a second shadow save with the same copy also passes: the version did not move
    Article shadow2 = articles.updateWithoutIncrement(loaded.withTitle("shadow again"));
    assertEquals(1, shadow2.version());

    // Bob's copy, read before both shadow saves, still has the current version
    Article bobs = articles.update(new Article(1, "bob", bobsCopy.body(), bobsCopy.version()));
    assertEquals(new Article(1, "bob", "body", 2), bobs);
    assertEquals(List.of(bobs), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateWithoutIncrementOfAStaleOrDeletedCopyThrowsAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article v1 = articles.insert(new Article(1, "original", "body", 0));
    Article theirs = articles.update(v1.withTitle("theirs"));

    Article mine = v1.withTitle("mine");
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.updateWithoutIncrement(mine));
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertSame(mine, e.target());
    assertEquals(Optional.of(theirs), e.current(Article.class));
    assertEquals(List.of(theirs), articles.findAll());

    articles.delete(theirs);
    RecordModifiedException deleted =
        assertThrows(
            RecordModifiedException.class,
            () -> articles.updateWithoutIncrement(theirs.withTitle("gone")));
    assertEquals(Optional.empty(), deleted.actualVersion());
    assertEquals(List.of(), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------ class entities

  @EveryDatabase
  void documentVersionIsSetOnlyWhenTheWriteSucceeds(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id = UUID.randomUUID();
    Document mine = documents.insert(Document.of(id, "draft", CREATED));
    Document theirs = Stored.copy(documents, id);
    theirs.setTitle("theirs");
    documents.update(theirs); // stored version 2, theirs.getVersion() == 2
    assertEquals(1, mine.getVersion());

    // stale updateWithoutIncrement: refused, the instance keeps everything
    mine.setTitle("shadow from a stale copy");
    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> documents.updateWithoutIncrement(mine));
    assertSame(mine, stale.target());
    assertEquals(Optional.of(2), stale.actualVersion());
    assertEquals(1, mine.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id, 2, "theirs", CREATED)), Stored.documents(db));

    // unchecked: written over theirs, the same instance gets the stored version 3
    mine.setTitle("mine, unchecked");
    Document written = documents.updateUnchecked(mine);
    assertSame(mine, written);
    assertEquals(3, mine.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id, 3, "mine, unchecked", CREATED)),
        Stored.documents(db));

    // a shadow save of the now current instance: written, version kept
    mine.setTitle("mine, shadow");
    assertSame(mine, documents.updateWithoutIncrement(mine));
    assertEquals(3, mine.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id, 3, "mine, shadow", CREATED)), Stored.documents(db));

    // theirs (version 2) is stale now; an unchecked write of it wins again: 3 + 1
    theirs.setTitle("theirs, unchecked");
    documents.updateUnchecked(theirs);
    assertEquals(4, theirs.getVersion());
    assertEquals(3, mine.getVersion());

    // deleted row: the unchecked write fails and leaves the instance's version alone
    documents.delete(Stored.copy(documents, id));
    mine.setTitle("after delete");
    RecordModifiedException gone =
        assertThrows(RecordModifiedException.class, () -> documents.updateUnchecked(mine));
    assertEquals(Optional.empty(), gone.actualVersion());
    assertEquals(3, mine.getVersion());
    assertEquals(Map.of(), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void documentWithANullVersionWasNeverSaved(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    Document unsaved = Document.of(UUID.randomUUID(), "never saved", CREATED);
    assertThrows(IllegalArgumentException.class, () -> documents.updateUnchecked(unsaved));
    assertThrows(IllegalArgumentException.class, () -> documents.updateWithoutIncrement(unsaved));
    assertEquals(null, unsaved.getVersion());
    assertEquals(Map.of(), Stored.documents(db));
  }

  @EveryDatabase
  void noteWithAnIntVersionIsUpdatedInPlaceOnlyOnSuccess(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = new NoteRepository(dataSource);
    Note mine = notes.insert(new Note(1, 0, "first"));
    Note theirs = notes.findById(1).orElseThrow();
    theirs.edit("theirs");
    notes.update(theirs);
    assertEquals(2, theirs.version());

    // theirs's copy still carries 2: a stale shadow save by "mine" (1) is refused
    mine.edit("mine, shadow, stale");
    assertThrows(RecordModifiedException.class, () -> notes.updateWithoutIncrement(mine));
    assertEquals(1, mine.version());
    assertEquals("theirs", notes.findById(1).orElseThrow().text());

    mine.edit("mine, unchecked");
    assertSame(mine, notes.updateUnchecked(mine));
    assertEquals(3, mine.version());
    Note stored = notes.findById(1).orElseThrow();
    assertEquals(3, stored.version());
    assertEquals("mine, unchecked", stored.text());

    // now theirs (2) is stale: the check refuses it and its version stays 2
    theirs.edit("theirs, shadow, stale");
    assertThrows(RecordModifiedException.class, () -> notes.updateWithoutIncrement(theirs));
    assertEquals(2, theirs.version());

    mine.edit("mine, shadow");
    assertSame(mine, notes.updateWithoutIncrement(mine));
    assertEquals(3, mine.version());
    assertEquals(Map.of(1L, 3L), Stored.versions(dataSource, "note"));
    assertEquals("mine, shadow", notes.findById(1).orElseThrow().text());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------ TRIGGER version

  @EveryDatabase
  void updateUncheckedOfATriggerVersionedEntityLetsTheTriggerMoveTheVersion(TestDatabase db) {
    // CounterRepository has no updateWithoutIncrement: the trigger moves the version on every
    // UPDATE, so a "keep the version" write cannot exist for TRIGGER entities (a compile-time
    // fact; calling it here would not compile).
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter v1 = counters.insert(new Counter(1, "clicks", 0, 0));
    Counter bystander = counters.insert(new Counter(2, "views", 9, 0));
    Counter v2 = counters.update(v1.withLabel("b"));
    Counter v3 = counters.update(v2.withLabel("c"));
    assertEquals(3, v3.version());

    Counter forced = counters.updateUnchecked(new Counter(1, "forced", 7, 1));
    assertEquals(new Counter(1, "forced", 7, 4), forced);
    assertEquals(List.of(forced, bystander), counters.findAll());
    assertEquals(Map.of(1L, 4L, 2L, 1L), Stored.versions(dataSource, "counter"));

    assertThrows(RecordModifiedException.class, () -> counters.update(v3.withLabel("stale")));
    assertEquals(List.of(forced, bystander), counters.findAll());

    Counter current = counters.updateUnchecked(forced.withLabel("again"));
    assertEquals(5, current.version());
    assertEquals(Map.of(1L, 5L, 2L, 1L), Stored.versions(dataSource, "counter"));

    counters.delete(current);
    RecordModifiedException gone =
        assertThrows(RecordModifiedException.class, () -> counters.updateUnchecked(current));
    assertTrue(gone.getMessage().contains("was deleted"), gone.getMessage());
    assertEquals(List.of(bystander), counters.findAll());
    assertEquals(0, db.activeConnections());
  }
  /**
   * A lost update (found while building RaceTest, reproduced here deterministically): an unchecked
   * write of a TIMESTAMP entity computes its next version from the caller's stale copy, {@code
   * max(now, stale + 1 µs)}, not from the stored row. When the stored version is ahead of the clock
   * (written by a server whose clock is ahead), the unchecked write gives the row the very version
   * the last checked write gave it: a copy read before the unchecked write then still matches, and
   * its update overwrites the unchecked write without a conflict. The same happens without any clock skew when the two writes compute their versions
   * in the same microsecond: two threads released by a barrier, one checked and one unchecked
   * write from the same copy, gave both writes the same version in 1 of 1,188 pairs on SQLite.
   */
  @EveryDatabase
  void anUncheckedTimestampWriteNeverReusesTheVersionTheRowHas(TestDatabase db) {
    DataSource dataSource = db.fresh("stamped_instant");
    StampedInstantRepository rows = new StampedInstantRepository(dataSource);
    rows.insert(new StampedInstant(1, "first", null));
    String future = switch (db) {
      case SQLITE -> "'2100-01-01T00:00:00.000000000Z'";
      case POSTGRESQL -> "'2100-01-01 00:00:00+00'";
      case MARIADB -> "'2100-01-01 00:00:00'";
    };
    // the row was last written by a server whose clock is ahead of ours
    Rows.execute(dataSource, "UPDATE stamped_instant SET version = " + future + " WHERE id = 1");
    StampedInstant stale = rows.findById(1).orElseThrow();
    StampedInstant checked = rows.update(stale.withTitle("checked"));
    StampedInstant readAfterChecked = rows.findById(1).orElseThrow();
    StampedInstant unchecked = rows.updateUnchecked(stale.withTitle("unchecked, must win"));
    // a copy read before the unchecked write must be stale now: its update must not overwrite it
    Optional<StampedInstant> overwrite =
        rows.tryUpdate(readAfterChecked.withTitle("overwrites the unchecked write"));
    assertEquals(Optional.empty(), overwrite, "a copy read before the unchecked write (version "
        + readAfterChecked.version() + ") was written over it: the unchecked write gave the row"
        + " version " + unchecked.version() + ", which the checked write before it had given it");
    assertEquals(List.of("unchecked, must win"), titles(dataSource, "stamped_instant"));
    assertTrue(unchecked.version().isAfter(checked.version()));
    assertEquals(0, db.activeConnections());
  }

  /**
   * The same lost update through the other TIMESTAMP types and the other unchecked paths: a {@code
   * long} of microseconds by {@code update} inside {@link OptimisticLocking#disable()}, a {@code
   * LocalDateTime} by {@code updateAll} inside it (an unchecked batch), an {@code OffsetDateTime}
   * by {@code save} inside it. Each time the row's version was written by a clock ahead of ours.
   */
  @EveryDatabase
  void everyUncheckedPathOfEveryTimestampTypeMovesPastTheVersionTheRowHas(TestDatabase db) {
    DataSource dataSource = db.fresh("stamped_micros", "stamped_local", "stamped_offset");
    String future = switch (db) {
      case SQLITE -> "'2100-01-01T00:00:00.000000000'";
      case POSTGRESQL, MARIADB -> "'2100-01-01 00:00:00'";
    };

    StampedMicrosRepository micros = new StampedMicrosRepository(dataSource);
    micros.insert(new StampedMicros(1, "first", 0));
    Rows.execute(dataSource, "UPDATE stamped_micros SET version = 4102444800000000 WHERE id = 1");
    StampedMicros staleMicros = micros.findById(1).orElseThrow();
    micros.update(staleMicros.withTitle("checked"));
    StampedMicros betweenMicros = micros.findById(1).orElseThrow();
    try (OptimisticLocking.Scope off = OptimisticLocking.disable()) {
      assertEquals(4102444800000002L, micros.update(staleMicros.withTitle("unchecked")).version());
    }
    assertEquals(Optional.empty(), micros.tryUpdate(betweenMicros.withTitle("overwrite")));
    assertEquals(List.of("unchecked"), titles(dataSource, "stamped_micros"));

    StampedLocalRepository locals = new StampedLocalRepository(dataSource);
    locals.insert(new StampedLocal(1, "first", null));
    Rows.execute(dataSource, "UPDATE stamped_local SET version = " + future + " WHERE id = 1");
    StampedLocal staleLocal = locals.findById(1).orElseThrow();
    locals.update(staleLocal.withTitle("checked"));
    StampedLocal betweenLocal = locals.findById(1).orElseThrow();
    try (OptimisticLocking.Scope off = OptimisticLocking.disable(StampedLocal.class)) {
      BatchResult<StampedLocal> batch =
          locals.updateAll(List.of(staleLocal.withTitle("unchecked")), ConflictPolicy.ABORT_ALL);
      assertEquals(LocalDateTime.parse("2100-01-01T00:00:00.000002"),
          batch.updated().get(0).version());
    }
    assertEquals(Optional.empty(), locals.tryUpdate(betweenLocal.withTitle("overwrite")));
    assertEquals(List.of("unchecked"), titles(dataSource, "stamped_local"));

    StampedOffsetRepository offsets = new StampedOffsetRepository(dataSource);
    offsets.insert(new StampedOffset(1, "first", null));
    Rows.execute(dataSource, "UPDATE stamped_offset SET version = "
        + switch (db) {
          case SQLITE -> "'2100-01-01T00:00:00.000000000Z'";
          case POSTGRESQL -> "'2100-01-01 00:00:00+00'";
          case MARIADB -> future;
        } + " WHERE id = 1");
    StampedOffset staleOffset = offsets.findById(1).orElseThrow();
    offsets.update(staleOffset.withTitle("checked"));
    StampedOffset betweenOffset = offsets.findById(1).orElseThrow();
    try (OptimisticLocking.Scope off = OptimisticLocking.disable()) {
      assertTrue(offsets.save(staleOffset.withTitle("unchecked")).version()
          .isEqual(OffsetDateTime.parse("2100-01-01T00:00:00.000002Z")));
    }
    assertEquals(Optional.empty(), offsets.tryUpdate(betweenOffset.withTitle("overwrite")));
    assertEquals(List.of("unchecked"), titles(dataSource, "stamped_offset"));
    assertEquals(0, db.activeConnections());
  }

  /**
   * On SQLite the unchecked UPDATE compares the stored version text with the new version's text.
   * Text another program wrote ({@code 2100-01-01 00:00:00}, as SQLite's {@code CURRENT_TIMESTAMP}
   * writes it) orders below optilock's text of any later instant on the same day, so the write
   * still moves past it.
   */
  @EveryDatabase
  void anUncheckedTimestampWriteMovesPastAVersionOtherProgramsWroteAheadOfTheClock(
      TestDatabase db) {
    DataSource dataSource = db.fresh("stamped_instant");
    StampedInstantRepository rows = new StampedInstantRepository(dataSource);
    StampedInstant first = rows.insert(new StampedInstant(1, "first", null));
    Rows.execute(dataSource, "UPDATE stamped_instant SET version = "
        + (db == TestDatabase.POSTGRESQL ? "'2100-01-01 00:00:00+00'" : "'2100-01-01 00:00:00'")
        + " WHERE id = 1");
    StampedInstant current = rows.findById(1).orElseThrow();
    assertEquals(Instant.parse("2100-01-01T00:00:00Z"), current.version());

    StampedInstant unchecked = rows.updateUnchecked(first.withTitle("unchecked"));
    assertEquals(Instant.parse("2100-01-01T00:00:00.000001Z"), unchecked.version());
    assertEquals(Optional.empty(), rows.tryUpdate(current.withTitle("overwrite")));
    assertEquals(List.of("unchecked"), titles(dataSource, "stamped_instant"));
    assertEquals(0, db.activeConnections());
  }

  /**
   * The limit of SQLite's text comparison (docs/fields.md): {@code 2100-01-01T00:00:00Z}, with no
   * fraction, sorts above optilock's text of every later time of its second, so each attempt finds
   * the row "not below" the new version: the write gives up after its attempts and writes nothing,
   * rather than loop or write a version the row may hold. PostgreSQL and MariaDB compare values and
   * write it.
   */
  @EveryDatabase
  void anUncheckedWriteThatNeverFindsTheRowBelowItsVersionGivesUpAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("stamped_instant");
    StampedInstantRepository rows = new StampedInstantRepository(dataSource);
    StampedInstant first = rows.insert(new StampedInstant(1, "first", null));
    Rows.execute(dataSource, "UPDATE stamped_instant SET version = "
        + (db == TestDatabase.MARIADB ? "'2100-01-01 00:00:00'" : "'2100-01-01T00:00:00Z'")
        + " WHERE id = 1");
    StampedInstant edit = first.withTitle("unchecked");
    if (db == TestDatabase.SQLITE) {
      DataAccessException e = assertThrows(DataAccessException.class, () -> rows.updateUnchecked(edit));
      assertEquals("StampedInstant[id=1]: the unchecked write gave up after 10 attempts, each of which"
          + " found the row's version at or past the one it computed (last 2100-01-01T00:00:00Z), so"
          + " other writes keep moving it; nothing was written, and running it again is safe",
          e.getMessage());
      assertEquals(List.of("first"), titles(dataSource, "stamped_instant"));
      assertEquals(List.of("2100-01-01T00:00:00Z"), Rows.query(dataSource,
          "SELECT version FROM stamped_instant", row -> row.getString(1)));
    } else {
      assertEquals(Instant.parse("2100-01-01T00:00:00.000001Z"), rows.updateUnchecked(edit).version());
      assertEquals(List.of("unchecked"), titles(dataSource, "stamped_instant"));
    }
    assertEquals(0, db.activeConnections());
  }

  /** Every row's title, by id, read with plain JDBC. */
  private static List<String> titles(DataSource dataSource, String table) {
    return Rows.query(dataSource, "SELECT title FROM " + table + " ORDER BY id", row -> row.getString(1));
  }
}
