package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.runtime.VersionOverflowException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/**
 * The compare-and-set protocol of {@link Engine} on SQLite, driven by a hand-written {@link
 * Mapping} of the shape the processor writes; every version strategy, read back with plain JDBC
 * where it matters. The generated repositories run the same engine end to end in the samples.
 */
class EngineTest {
  @TempDir Path dir;

  /** The entity: a record whose version is held as whatever type its schema line names. */
  record Note(long id, String text, Object version) {
    Note withText(String newText) {
      return new Note(id, newText, version);
    }
  }

  /** What the processor would write for {@link Note}. */
  static final class NoteMapping implements Mapping<Note> {
    private final String versionType;
    private final boolean conditional;

    NoteMapping(String versionType) {
      this(versionType, false);
    }

    /** {@code conditional}: the version moves only when {@code text} changes. */
    NoteMapping(String versionType, boolean conditional) {
      this.versionType = versionType;
      this.conditional = conditional;
    }

    @Override
    public int bindCompared(PreparedStatement statement, Dialect dialect, Note note, int index)
        throws SQLException {
      if (!conditional) {
        return index;
      }
      statement.setString(index, note.text());
      return index + 1;
    }

    @Override
    public Object id(Note note) {
      return note.id();
    }

    @Override
    public Object version(Note note) {
      return note.version();
    }

    @Override
    public int bind(PreparedStatement statement, Dialect dialect, Note note, int index)
        throws SQLException {
      statement.setString(index, note.text());
      return index + 1;
    }

    @Override
    public Note read(ResultSet resultSet, Dialect dialect) throws SQLException {
      return new Note(resultSet.getLong(1), resultSet.getString(2),
          Engine.readValue(resultSet, dialect, 3, versionType));
    }

    @Override
    public Note withVersion(Note note, Object version) {
      return new Note(note.id(), note.text(), version);
    }
  }

  private DataSource dataSource;

  private DataSource sqlite() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("engine.db"));
    dataSource = sqlite;
    return sqlite;
  }

  private Engine<Note> engine(String versionLine, String... conditions) {
    EntitySchema schema = EntitySchema.of("test.Note", "test.NoteRepository", "note",
        "id long KEY", "text String", versionLine);
    String versionType = versionLine.split(" ")[1];
    Engine<Note> engine = new Engine<>(Engine.CONTRACT, sqlite(), Note.class, schema,
        new NoteMapping(versionType, conditions.length > 0), conditions);
    engine.createTable(dialect -> Engine.createTableSql(schema, dialect));
    return engine;
  }

  private Object storedVersion(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT version FROM note WHERE id = " + id)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private String storedText(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT text FROM note WHERE id = " + id)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "version long VERSION INCREMENT",
      "version int VERSION INCREMENT",
      "version Long VERSION INCREMENT",
      "version Integer VERSION INCREMENT",
      "version Instant VERSION TIMESTAMP",
      "version LocalDateTime VERSION TIMESTAMP",
      "version OffsetDateTime VERSION TIMESTAMP",
      "version long VERSION TIMESTAMP",
      "version UUID VERSION RANDOM",
      "version long VERSION TRIGGER note_version",
      "version long VERSION INCREMENT|text"})
  void everyStrategyKeepsTheCompareAndSetProtocol(String spec) throws SQLException {
    String[] parts = spec.split("\\|");
    Engine<Note> notes = parts.length == 1 ? engine(parts[0]) : engine(parts[0], parts[1]);

    Note first = notes.insert(new Note(1, "a", null));
    assertNotNull(first.version(), "insert gives the initial version");
    assertEquals(Optional.of(first), notes.findById(1L));
    assertEquals(Optional.of(first), notes.findByIdAndVersion(1L, first.version()));
    assertFalse(notes.isChanged(first));

    Note second = notes.update(first.withText("b"));
    assertNotEquals(first.version(), second.version(), "update moves the version on");
    assertEquals("b", storedText(1));
    assertTrue(notes.isChanged(first));
    assertEquals(Optional.empty(), notes.findByIdAndVersion(1L, first.version()));

    // A stale copy: nothing written, the conflict reports what the row holds now.
    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> notes.update(first.withText("lost")));
    assertEquals("b", storedText(1));
    assertEquals(first.version(), stale.expectedVersion());
    assertEquals(Optional.of(second.version()), stale.actualVersion());
    assertEquals(1L, stale.id());
    assertEquals(Optional.empty(), notes.tryUpdate(first.withText("lost")));
    assertThrows(RecordModifiedException.class, () -> notes.delete(first));

    // The unchecked update wins whatever the version, and still moves it on.
    Note forced = notes.updateUnchecked(first.withText("forced"));
    assertEquals("forced", storedText(1));
    assertNotEquals(second.version(), forced.version());
    assertEquals(Optional.of(forced), notes.findById(1L));

    if (!parts[0].contains("TRIGGER")) {
      Note shadow = notes.updateWithoutIncrement(forced.withText("shadow"));
      assertEquals(forced.version(), shadow.version(), "a shadow save keeps the version");
      assertEquals("shadow", storedText(1));
      assertFalse(notes.isChanged(forced));
    }

    notes.delete(forced);
    assertEquals(Optional.empty(), notes.findById(1L));
    RecordModifiedException gone =
        assertThrows(RecordModifiedException.class, () -> notes.update(forced));
    assertEquals(Optional.empty(), gone.actualVersion());
    assertThrows(RecordModifiedException.class, () -> notes.updateUnchecked(forced));
  }

  @Test
  void aConditionalVersionMovesOnlyWhenItsColumnsChange() throws SQLException {
    Engine<Note> notes = engine("version long VERSION INCREMENT", "text");
    Note first = notes.insert(new Note(1, "a", null));
    Note same = notes.update(first);
    assertEquals(first.version(), same.version(), "unchanged text: the version stays");
    Note changed = notes.update(same.withText("b"));
    assertEquals(2L, changed.version());
    assertEquals("2", storedVersion(1));
  }

  @Test
  void aMissingTriggerFailsTheUpdateAndWritesNothing() throws SQLException {
    Engine<Note> notes = engine("version long VERSION TRIGGER note_version");
    Note first = notes.insert(new Note(1, "a", null));
    notes.dropTriggers();
    assertThrows(DataAccessException.class, () -> notes.update(first.withText("b")));
    assertEquals("a", storedText(1));
    notes.createTriggers();
    assertEquals(2L, notes.update(first.withText("b")).version());
  }

  @Test
  void counterVersionsStartAtOneOfTheirTypeAndRefuseUnsavedEntities() {
    Engine<Note> longs = engine("version long VERSION INCREMENT");
    assertEquals(1L, longs.insert(new Note(1, "a", 0L)).version());
    assertThrows(IllegalArgumentException.class, () -> longs.update(new Note(1, "b", 0L)));
    assertThrows(IllegalArgumentException.class, () -> longs.delete(new Note(1, "b", 0L)));
    assertEquals(1L, longs.findById(1L).orElseThrow().version());
    // save: 0 or null inserts, anything else updates
    assertEquals(1L, longs.save(new Note(2, "c", null)).version());
    assertEquals(2L, longs.save(new Note(2, "d", 1L)).version());
  }

  @Test
  void intVersionsStayInts() {
    Engine<Note> ints = engine("version int VERSION INCREMENT");
    Note first = ints.insert(new Note(1, "a", 0));
    assertEquals(1, first.version());
    assertEquals(2, ints.update(first).version());
  }

  @Test
  void anIncrementVersionAtTheLargestValueOverflowsInsteadOfWrapping() throws SQLException {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    Note first = notes.insert(new Note(1, "a", null));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE note SET version = " + Long.MAX_VALUE);
    }
    Note top = notes.findById(1L).orElseThrow();
    assertThrows(VersionOverflowException.class, () -> notes.update(top.withText("b")));
    // the unchecked update changes no row at the largest version, and says why
    assertThrows(VersionOverflowException.class, () -> notes.updateUnchecked(first.withText("b")));
    assertEquals("a", storedText(1));
  }

  @Test
  void findAllIsOrderedByTheKey() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    notes.insert(new Note(3, "c", null));
    notes.insert(new Note(1, "a", null));
    notes.insert(new Note(2, "b", null));
    assertEquals(List.of(1L, 2L, 3L), notes.findAll().stream().map(Note::id).toList());
  }

  @Test
  void batchesIdentifyEveryConflict() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    Note a = notes.insert(new Note(1, "a", null));
    Note b = notes.insert(new Note(2, "b", null));
    Note c = notes.insert(new Note(3, "c", null));
    notes.update(b.withText("b2"));
    BatchConflictException abort = assertThrows(BatchConflictException.class,
        () -> notes.updateAll(List.of(a.withText("x"), b.withText("x")), ConflictPolicy.ABORT_ALL));
    assertEquals(1, abort.conflicts().size());
    assertEquals("a", notes.findById(1L).orElseThrow().text(), "ABORT_ALL wrote nothing");
    BatchResult<Note> skipped =
        notes.updateAll(List.of(a.withText("x"), b.withText("x")), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(2L), skipped.conflicts().stream().map(conflict -> conflict.id()).toList());
    assertEquals(2L, skipped.updated().get(0).version());
    BatchResult<Note> deleted = notes.deleteAll(List.of(c), ConflictPolicy.ABORT_ALL);
    assertEquals(List.of(c), deleted.deleted());
    assertEquals(Optional.empty(), notes.findById(3L));
    assertThrows(IllegalArgumentException.class,
        () -> notes.updateAll(List.of(new Note(9, "unsaved", 0L)), ConflictPolicy.ABORT_ALL));
  }

  @Test
  void ifUnchangedRunsTheActionOnlyOnUnchangedRows() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    Note a = notes.insert(new Note(1, "a", null));
    assertEquals("ran", notes.ifUnchanged(List.of(a), () -> "ran"));
    notes.update(a);
    AtomicInteger runs = new AtomicInteger();
    assertThrows(BatchConflictException.class,
        () -> notes.ifUnchanged(List.of(a), runs::incrementAndGet));
    assertEquals(0, runs.get());
  }

  @Test
  void modifyReloadsAndRetriesOnAConflict() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    notes.insert(new Note(1, "a", null));
    AtomicInteger attempts = new AtomicInteger();
    Note modified = notes.modify(1L, note -> {
      if (attempts.incrementAndGet() == 1) {
        notes.update(note.withText("concurrent")); // another writer gets in between
      }
      return note.withText(note.text() + "!");
    }, RetryPolicy.attempts(3));
    assertEquals(2, attempts.get());
    assertEquals("concurrent!", modified.text());
    assertEquals(3L, modified.version());
    assertThrows(NoSuchElementException.class,
        () -> notes.modify(7L, note -> note, RetryPolicy.defaults()));
  }

  @Test
  void withOptimisticLockingOffAStaleUpdateWins() throws SQLException {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    Note first = notes.insert(new Note(1, "a", null));
    notes.update(first.withText("b"));
    try (OptimisticLocking.Scope off = OptimisticLocking.disable(Note.class)) {
      assertEquals(3L, notes.update(first.withText("c")).version());
      notes.delete(first);
    }
    assertEquals(null, storedVersion(1));
  }

  @Test
  void callsShareTheCallersTransaction() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    assertThrows(IllegalStateException.class, () -> Transactions.run(dataSource, () -> {
      notes.insert(new Note(1, "a", null));
      throw new IllegalStateException("roll back");
    }));
    assertEquals(Optional.empty(), notes.findById(1L));
  }

  @Test
  void aStatementThatFailsIsADataAccessExceptionNamingTheCall() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    notes.insert(new Note(1, "a", null));
    DataAccessException duplicate =
        assertThrows(DataAccessException.class, () -> notes.insert(new Note(1, "again", null)));
    assertTrue(duplicate.getMessage().contains("insert of Note[id=1]"), duplicate.getMessage());
  }

  @Test
  void theTableItCreatesPassesVerification() {
    Engine<Note> notes = engine("version long VERSION INCREMENT");
    assertTrue(notes.verifySchema().isValid(), () -> notes.verifySchema().toString());
  }

  @Test
  void aRepositoryGeneratedForAnotherContractIsRefusedNamingBoth() {
    EntitySchema schema = EntitySchema.of("test.Note", "test.NoteRepository", "note",
        "id long KEY", "text String", "version long VERSION INCREMENT");
    IllegalStateException skew = assertThrows(IllegalStateException.class,
        () -> new Engine<>(Engine.CONTRACT + 1, sqlite(), Note.class, schema, new NoteMapping("long")));
    assertTrue(skew.getMessage().contains("(contract " + Engine.CONTRACT + ")"), skew.getMessage());
    assertTrue(skew.getMessage().contains("test.NoteRepository"), skew.getMessage());
    assertTrue(skew.getMessage().contains("generated for contract " + (Engine.CONTRACT + 1)),
        skew.getMessage());
    assertTrue(skew.getMessage().contains("align"), skew.getMessage());
    // without a release in the manifest (classes run from a directory), none is named
    assertFalse(skew.getMessage().contains("null"), skew.getMessage());
    assertInstanceOf(Engine.class,
        new Engine<>(Engine.CONTRACT, sqlite(), Note.class, schema, new NoteMapping("long")));
  }
}
