package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.model.Note;
import dev.optilock.samples.model.NoteRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The repository contract on mutable class entities, on every database: {@link Document} (a
 * JavaBean built with its no-arg constructor and setters, boxed {@code Integer} version) and {@link
 * Note} (package-private fields, built with its all-fields constructor, primitive {@code int}
 * version). For classes, insert and update change the version of the very instance passed in and
 * return it; a failed call must leave that instance exactly as it was.
 */
class ClassEntityTest {

  private static final UUID DOC = UUID.fromString("0a1b2c3d-0000-4000-8000-000000000001");
  private static final Instant CREATED = Instant.parse("2024-03-10T09:30:00.123456Z");

  /** Every field of a Document, to compare an instance before and after a call. */
  record DocumentState(UUID id, Integer version, String title, Instant createdAt) {
    static DocumentState of(Document d) {
      return new DocumentState(d.getId(), d.getVersion(), d.getTitle(), d.getCreatedAt());
    }
  }

  /** Every field of a Note. */
  record NoteState(long id, int version, String text) {
    static NoteState of(Note n) {
      return new NoteState(n.id(), n.version(), n.text());
    }
  }

  private static DocumentRepository documents(TestDatabase db) {
    return new DocumentRepository(db.fresh("document"));
  }

  private static NoteRepository notes(TestDatabase db) {
    return new NoteRepository(db.fresh("note"));
  }

  // ---- Document: JavaBean, boxed Integer version ----

  @EveryDatabase
  void documentInsertSetsVersionOneOnTheSameInstanceAndReturnsIt(TestDatabase db) {
    DocumentRepository documents = documents(db);
    Document draft = Document.of(DOC, "Draft", CREATED);
    assertNull(draft.getVersion());
    Document stored = documents.insert(draft);
    assertSame(draft, stored);
    assertEquals(Integer.valueOf(1), draft.getVersion());
    assertEquals(new DocumentState(DOC, 1, "Draft", CREATED), DocumentState.of(draft));

    Document read = documents.findById(DOC).orElseThrow();
    assertNotSame(draft, read);
    assertEquals(DocumentState.of(draft), DocumentState.of(read), "built through the setters");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void documentInsertOfATakenIdFailsAndLeavesTheInstanceAsItWas(TestDatabase db) {
    DocumentRepository documents = documents(db);
    documents.insert(Document.of(DOC, "first", CREATED));
    Document second = Document.of(DOC, "second", CREATED);
    DocumentState before = DocumentState.of(second);
    DataAccessException e = assertThrows(DataAccessException.class, () -> documents.insert(second));
    assertTrue(e.getMessage().startsWith("insert of Document[id=" + DOC + "] failed"), e.getMessage());
    assertEquals(before, DocumentState.of(second));
    assertNull(second.getVersion());
    assertEquals("first", documents.findById(DOC).orElseThrow().getTitle());
  }

  @EveryDatabase
  void documentUpdateReturnsTheSameInstanceWithTheVersionMovedOn(TestDatabase db) {
    DocumentRepository documents = documents(db);
    Document document = documents.insert(Document.of(DOC, "v1", CREATED));
    document.setTitle("v2");
    Document updated = documents.update(document);
    assertSame(document, updated);
    assertEquals(Integer.valueOf(2), document.getVersion());
    document.setTitle("v3");
    document.setCreatedAt(CREATED.plusSeconds(60));
    assertSame(document, documents.update(document));
    assertEquals(Integer.valueOf(3), document.getVersion());
    assertEquals(
        new DocumentState(DOC, 3, "v3", CREATED.plusSeconds(60)),
        DocumentState.of(documents.findById(DOC).orElseThrow()));
  }

  @EveryDatabase
  void documentFailedUpdateLeavesTheCallersInstanceExactlyAsItWas(TestDatabase db) {
    DocumentRepository documents = documents(db);
    documents.insert(Document.of(DOC, "original", CREATED));
    Document alice = documents.findById(DOC).orElseThrow();
    Document bob = documents.findById(DOC).orElseThrow();

    alice.setTitle("Alice's title");
    documents.update(alice);
    DocumentState winner = DocumentState.of(alice);

    bob.setTitle("Bob's title");
    bob.setCreatedAt(CREATED.plusSeconds(1));
    DocumentState before = DocumentState.of(bob);
    RecordModifiedException e = assertThrows(RecordModifiedException.class, () -> documents.update(bob));
    assertEquals(before, DocumentState.of(bob), "every field, the version included, is unchanged");
    assertEquals(Integer.valueOf(1), bob.getVersion());
    assertSame(bob, e.target());
    assertEquals(Document.class, e.entityType());
    assertEquals(DOC, e.id());
    assertEquals(1, e.expectedVersion());
    assertEquals(Optional.of(2), e.actualVersion());
    assertEquals(winner, DocumentState.of(e.current(Document.class).orElseThrow()));
    assertEquals(
        "Document[id=" + DOC + "] was modified concurrently: expected version 1, found 2",
        e.getMessage());

    // tryUpdate: empty, and again nothing changed
    assertEquals(Optional.empty(), documents.tryUpdate(bob));
    assertEquals(before, DocumentState.of(bob));

    // the row holds the winner's values
    assertEquals(winner, DocumentState.of(documents.findById(DOC).orElseThrow()));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void documentStaleDeleteLeavesTheRowAndTheInstance(TestDatabase db) {
    DocumentRepository documents = documents(db);
    Document stale = documents.insert(Document.of(DOC, "v1", CREATED));
    Document fresh = documents.findById(DOC).orElseThrow();
    fresh.setTitle("v2");
    documents.update(fresh);
    // the stale instance is the one insert returned: version 1, as the caller last saw it
    DocumentState before = DocumentState.of(stale);

    RecordModifiedException e = assertThrows(RecordModifiedException.class, () -> documents.delete(stale));
    assertEquals(Optional.of(2), e.actualVersion());
    assertEquals(before, DocumentState.of(stale));
    assertEquals(DocumentState.of(fresh), DocumentState.of(documents.findById(DOC).orElseThrow()));

    documents.delete(fresh);
    assertEquals(Optional.empty(), documents.findById(DOC));
    assertEquals(Integer.valueOf(2), fresh.getVersion(), "delete does not touch the version");
  }

  @EveryDatabase
  void documentSaveInsertsWhenTheVersionIsNullAndUpdatesOtherwise(TestDatabase db) {
    DocumentRepository documents = documents(db);
    Document document = Document.of(DOC, "new", CREATED);
    assertSame(document, documents.save(document));
    assertEquals(Integer.valueOf(1), document.getVersion());
    assertEquals("new", documents.findById(DOC).orElseThrow().getTitle());

    document.setTitle("edited");
    assertSame(document, documents.save(document));
    assertEquals(Integer.valueOf(2), document.getVersion());
    assertEquals(new DocumentState(DOC, 2, "edited", CREATED),
        DocumentState.of(documents.findById(DOC).orElseThrow()));

    // save of a stale copy is an update, and conflicts
    Document stale = Document.of(DOC, "stale", CREATED);
    stale.setVersion(1);
    assertThrows(RecordModifiedException.class, () -> documents.save(stale));
    assertEquals(Integer.valueOf(1), stale.getVersion());
    // save of a new instance whose id is taken is an insert, and fails as one
    assertThrows(DataAccessException.class, () -> documents.save(Document.of(DOC, "dup", CREATED)));
    assertEquals("edited", documents.findById(DOC).orElseThrow().getTitle());
  }

  @EveryDatabase
  void documentFindAllBuildsEveryRowThroughTheSetters(TestDatabase db) {
    DocumentRepository documents = documents(db);
    List<UUID> ids =
        List.of(
            UUID.fromString("ffffffff-0000-4000-8000-000000000000"),
            UUID.fromString("00000000-0000-4000-8000-000000000000"),
            UUID.fromString("7fffffff-0000-4000-8000-000000000000"),
            UUID.fromString("80000000-0000-4000-8000-000000000000"));
    for (int i = 0; i < ids.size(); i++) {
      Document d = documents.insert(Document.of(ids.get(i), "doc " + i, CREATED.plusSeconds(i)));
      if (i % 2 == 0) {
        d.setTitle("doc " + i + " edited");
        documents.update(d);
      }
    }
    List<Document> all = documents.findAll();
    // ORDER BY id: every database orders these UUIDs as their text does (PostgreSQL's uuid compares
    // bytes unsigned), which is not UUID.compareTo's signed order
    List<UUID> expectedOrder =
        ids.stream().sorted(Comparator.comparing(UUID::toString)).toList();
    assertEquals(expectedOrder, all.stream().map(Document::getId).toList());
    for (Document d : all) {
      int i = ids.indexOf(d.getId());
      boolean edited = i % 2 == 0;
      assertEquals(
          new DocumentState(ids.get(i), edited ? 2 : 1, "doc " + i + (edited ? " edited" : ""),
              CREATED.plusSeconds(i)),
          DocumentState.of(d));
    }
  }

  @EveryDatabase
  void documentIsChangedAndFindByIdAndVersionUseTheBoxedVersion(TestDatabase db) {
    DocumentRepository documents = documents(db);
    Document d = documents.insert(Document.of(DOC, "a", CREATED));
    Document copy = documents.findById(DOC).orElseThrow();
    assertFalse(documents.isChanged(d));
    assertEquals(Optional.of(1), documents.findByIdAndVersion(DOC, 1).map(Document::getVersion));

    d.setTitle("b");
    documents.update(d);
    assertTrue(documents.isChanged(copy));
    assertFalse(documents.isChanged(d));
    assertEquals(Optional.empty(), documents.findByIdAndVersion(DOC, 1));
    assertEquals("b", documents.findByIdAndVersion(DOC, Integer.valueOf(2)).orElseThrow().getTitle());
    assertEquals(Optional.empty(), documents.findByIdAndVersion(UUID.randomUUID(), 2));

    // an unsaved instance (version null) and a deleted row both count as changed
    assertTrue(documents.isChanged(Document.of(DOC, "unsaved", CREATED)));
    documents.delete(d);
    assertTrue(documents.isChanged(d));
    assertThrows(NullPointerException.class, () -> documents.findByIdAndVersion(DOC, null));
  }

  @EveryDatabase
  void documentIsChangedComparesLargeVersionsByValue(TestDatabase db) {
    // versions beyond the Integer cache (-128..127) are distinct instances: they must still be
    // compared by value (Objects.equals), never by identity
    DocumentRepository documents = documents(db);
    Document d = documents.insert(Document.of(DOC, "a", CREATED));
    for (int i = 0; i < 200; i++) {
      documents.update(d);
    }
    assertEquals(Integer.valueOf(201), d.getVersion());
    assertFalse(documents.isChanged(d));
    Document copy = new Document();
    copy.setId(DOC);
    copy.setVersion(Integer.valueOf(201));
    assertNotSame(d.getVersion(), copy.getVersion(), "two Integer instances of the same value");
    assertFalse(documents.isChanged(copy));
    assertTrue(documents.findByIdAndVersion(DOC, Integer.valueOf(201)).isPresent());
    copy.setTitle("from a copy");
    assertSame(copy, documents.update(copy));
    assertEquals(Integer.valueOf(202), copy.getVersion());
  }

  @EveryDatabase
  void documentWithANullVersionCannotBeUpdatedOrDeletedAndNothingIsTouched(TestDatabase db) {
    DocumentRepository documents = documents(db);
    documents.insert(Document.of(DOC, "stored", CREATED));
    Document unsaved = Document.of(DOC, "overwrite?", CREATED.plusSeconds(5));
    DocumentState before = DocumentState.of(unsaved);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> documents.update(unsaved));
    assertEquals(
        "Document[id=" + DOC + "] has version null, which means it was never saved: insert or save it first",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> documents.tryUpdate(unsaved));
    assertThrows(IllegalArgumentException.class, () -> documents.delete(unsaved));
    assertEquals(before, DocumentState.of(unsaved));
    assertEquals(new DocumentState(DOC, 1, "stored", CREATED),
        DocumentState.of(documents.findById(DOC).orElseThrow()));
    assertEquals(0, db.activeConnections());
  }

  // ---- Note: package-private fields, all-fields constructor, int version ----

  @EveryDatabase
  void noteInsertSetsVersionOneOnTheSameInstanceAndReturnsIt(TestDatabase db) {
    NoteRepository notes = notes(db);
    Note note = new Note(7, 0, "remember the milk");
    Note stored = notes.insert(note);
    assertSame(note, stored);
    assertEquals(new NoteState(7, 1, "remember the milk"), NoteState.of(note));

    Note read = notes.findById(7).orElseThrow();
    assertNotSame(note, read);
    assertEquals(NoteState.of(note), NoteState.of(read), "built through the constructor");

    // insert ignores the version passed in
    Note odd = notes.insert(new Note(8, 41, "odd"));
    assertEquals(1, odd.version());
    assertEquals(1, notes.findById(8).orElseThrow().version());

    // a failed insert leaves the instance as it was
    Note clash = new Note(7, 0, "clash");
    assertThrows(DataAccessException.class, () -> notes.insert(clash));
    assertEquals(new NoteState(7, 0, "clash"), NoteState.of(clash));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void noteUpdateReturnsTheSameInstanceWithTheVersionMovedOn(TestDatabase db) {
    NoteRepository notes = notes(db);
    Note note = notes.insert(new Note(1, 0, "one"));
    note.edit("two");
    assertSame(note, notes.update(note));
    assertEquals(new NoteState(1, 2, "two"), NoteState.of(note));
    note.edit("three");
    assertSame(note, notes.update(note));
    assertEquals(3, note.version());
    assertEquals(new NoteState(1, 3, "three"), NoteState.of(notes.findById(1).orElseThrow()));
  }

  @EveryDatabase
  void noteFailedUpdateLeavesTheCallersInstanceExactlyAsItWas(TestDatabase db) {
    NoteRepository notes = notes(db);
    notes.insert(new Note(1, 0, "original"));
    Note alice = notes.findById(1).orElseThrow();
    Note bob = notes.findById(1).orElseThrow();
    alice.edit("Alice's text");
    notes.update(alice);
    NoteState winner = NoteState.of(alice);

    bob.edit("Bob's text");
    NoteState before = NoteState.of(bob);
    RecordModifiedException e = assertThrows(RecordModifiedException.class, () -> notes.update(bob));
    assertEquals(before, NoteState.of(bob), "every field, the version included, is unchanged");
    assertEquals(1, bob.version());
    assertSame(bob, e.target());
    assertEquals(1, e.expectedVersion());
    assertEquals(Optional.of(2), e.actualVersion());
    assertEquals(winner, NoteState.of(e.current(Note.class).orElseThrow()));
    assertEquals(Optional.empty(), notes.tryUpdate(bob));
    assertEquals(before, NoteState.of(bob));
    assertEquals(winner, NoteState.of(notes.findById(1).orElseThrow()));

    // after the row is deleted: still nothing written, still nothing changed on the instance
    notes.delete(alice);
    RecordModifiedException gone = assertThrows(RecordModifiedException.class, () -> notes.update(bob));
    assertEquals("Note[id=1] was deleted: expected version 1, found no row", gone.getMessage());
    assertEquals(before, NoteState.of(bob));
    assertEquals(Optional.empty(), notes.findById(1));
  }

  @EveryDatabase
  void noteStaleDeleteLeavesTheRow(TestDatabase db) {
    NoteRepository notes = notes(db);
    Note stale = notes.insert(new Note(1, 0, "v1"));
    NoteState staleBefore = new NoteState(1, 1, "v1");
    Note fresh = notes.findById(1).orElseThrow();
    fresh.edit("v2");
    notes.update(fresh);

    assertThrows(RecordModifiedException.class, () -> notes.delete(stale));
    assertEquals(staleBefore, NoteState.of(stale));
    assertEquals(new NoteState(1, 2, "v2"), NoteState.of(notes.findById(1).orElseThrow()));
    notes.delete(fresh);
    assertEquals(Optional.empty(), notes.findById(1));
  }

  @EveryDatabase
  void noteSaveInsertsWhenTheVersionIsZeroAndUpdatesOtherwise(TestDatabase db) {
    NoteRepository notes = notes(db);
    Note note = new Note(3, 0, "new");
    assertSame(note, notes.save(note));
    assertEquals(1, note.version());
    note.edit("edited");
    assertSame(note, notes.save(note));
    assertEquals(new NoteState(3, 2, "edited"), NoteState.of(notes.findById(3).orElseThrow()));
    Note stale = new Note(3, 1, "stale");
    assertThrows(RecordModifiedException.class, () -> notes.save(stale));
    assertEquals(new NoteState(3, 1, "stale"), NoteState.of(stale));
    assertEquals(new NoteState(3, 2, "edited"), NoteState.of(notes.findById(3).orElseThrow()));
  }

  @EveryDatabase
  void noteFindAllIsChangedAndFindByIdAndVersion(TestDatabase db) {
    NoteRepository notes = notes(db);
    notes.insert(new Note(30, 0, "c"));
    Note a = notes.insert(new Note(-10, 0, "a"));
    notes.insert(new Note(20, 0, null));
    List<Note> all = notes.findAll();
    assertEquals(
        List.of(new NoteState(-10, 1, "a"), new NoteState(20, 1, null), new NoteState(30, 1, "c")),
        all.stream().map(NoteState::of).toList());

    assertFalse(notes.isChanged(a));
    a.edit("a2");
    assertFalse(notes.isChanged(a), "local edits are not changes");
    Note copy = notes.findById(-10).orElseThrow();
    notes.update(a);
    assertTrue(notes.isChanged(copy));
    assertEquals(Optional.empty(), notes.findByIdAndVersion(-10, 1));
    assertEquals(new NoteState(-10, 2, "a2"),
        NoteState.of(notes.findByIdAndVersion(-10, 2).orElseThrow()));
  }

  @EveryDatabase
  void noteWithVersionZeroCannotBeUpdatedOrDeleted(TestDatabase db) {
    NoteRepository notes = notes(db);
    notes.insert(new Note(1, 0, "stored"));
    Note unsaved = new Note(1, 0, "overwrite?");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notes.update(unsaved));
    assertEquals(
        "Note[id=1] has version 0, which means it was never saved: insert or save it first",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> notes.delete(unsaved));
    assertEquals(new NoteState(1, 0, "overwrite?"), NoteState.of(unsaved));
    assertEquals(new NoteState(1, 1, "stored"), NoteState.of(notes.findById(1).orElseThrow()));
  }
}
