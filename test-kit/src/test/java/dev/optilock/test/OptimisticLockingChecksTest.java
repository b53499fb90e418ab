package dev.optilock.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.TriggerDefinition;
import dev.optilock.runtime.Triggers;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import org.sqlite.SQLiteDataSource;

/**
 * The kit against hand-written repositories on real databases: a sound one passes every check, and
 * each kind of breakage the kit exists for (an update or delete that is not compare-and-set, a
 * version column too narrow for the strategy's values, a missing trigger) fails it with a message
 * that names the entity, the row or column, and what was expected.
 */
class OptimisticLockingChecksTest {
  @TempDir Path dir;

  private final AtomicLong ids = new AtomicLong();

  private DataSource sqlite() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("kit.db"));
    return sqlite;
  }

  private OptimisticLockingChecks<Note, Long, Object> checks(NoteRepository notes, DataSource db) {
    return OptimisticLockingChecks.of(notes, db)
        .sample(() -> new Note(ids.incrementAndGet(), "first", null))
        .change(note -> note.withText("changed " + note.text()));
  }

  private static long rows(DataSource dataSource, String table) throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Runs each dynamic test; the names of those that fail, with their messages. */
  private static List<String> failing(OptimisticLockingChecks<?, ?, ?> checks) {
    List<String> failed = new ArrayList<>();
    checks.tests().forEach(test -> {
      try {
        test.getExecutable().execute();
      } catch (Throwable e) {
        failed.add(test.getDisplayName() + " -> " + e.getMessage());
      }
    });
    return failed;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "version long VERSION INCREMENT",
      "version int VERSION INCREMENT",
      "version Instant VERSION TIMESTAMP",
      "version LocalDateTime VERSION TIMESTAMP",
      "version long VERSION TIMESTAMP",
      "version UUID VERSION RANDOM",
      "version long VERSION TRIGGER testkit_note_version"})
  void aSoundRepositoryPassesEveryCheckAndLeavesNoRowBehind(String versionLine) throws Exception {
    DataSource db = sqlite();
    NoteRepository notes = new NoteRepository(db, NoteRepository.schema("note", versionLine));
    notes.createTable();
    notes.insert(new Note(1000, "someone else's row", null));

    checks(notes, db).verify();

    assertEquals(1, rows(db, "note"), "only the row that was there before the checks");
    assertEquals(List.of(), failing(checks(notes, db)));
  }

  @Test
  void eachCheckIsADynamicTestNamedForTheEntity() {
    DataSource db = sqlite();
    NoteRepository notes = new NoteRepository(db,
        NoteRepository.schema("note", "version long VERSION TRIGGER testkit_note_version"));
    notes.createTable();
    List<String> names = checks(notes, db).tests().map(DynamicTest::getDisplayName).toList();
    assertEquals(List.of(
        "Note: a stale update is refused with RecordModifiedException and writes nothing",
        "Note: a stale delete is refused and deletes nothing",
        "Note: a fresh update succeeds and moves the version",
        "Note: isChanged and findByIdAndVersion agree",
        "Note: the version column note.version holds TRIGGER versions",
        "Note: the trigger testkit_note_version is installed",
        "Note: the table note matches Note"), names);
  }

  @Test
  void checksWithoutASampleOrAChangeSayWhatIsMissing() {
    DataSource db = sqlite();
    NoteRepository notes =
        new NoteRepository(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> OptimisticLockingChecks.of(notes, db).sample(() -> new Note(1, "a", null)).verify());
    assertEquals("give Note's checks a sample(() -> new Note(...)) and a change(e -> ...) before"
        + " running them", e.getMessage());
  }

  /** update is an unchecked update: the last writer wins, whatever it read. */
  static final class LastWriterWins extends NoteRepository {
    LastWriterWins(DataSource dataSource, EntitySchema schema) {
      super(dataSource, schema);
    }

    @Override
    public Note update(Note note) {
      return updateUnchecked(note);
    }
  }

  @Test
  void anUpdateThatIsNotCompareAndSetFailsTheStaleUpdateCheck() {
    DataSource db = sqlite();
    NoteRepository notes =
        new LastWriterWins(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));
    notes.createTable();

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    assertTrue(e.getMessage().startsWith("Note: update of a stale Note[id=1] (it carries version 1,"
        + " the row has 2 since another writer's update) returned normally, with version 3,"
        + " instead of throwing RecordModifiedException: the second of two writers silently"
        + " overwrites the first one's change (a lost update). NoteRepository.update must be a"
        + " compare-and-set: UPDATE ... WHERE <key> = ? AND version = ?."), e.getMessage());
    assertTrue(e.getMessage().contains("\n  row before: id=1, text=changed first, version=2"
        + "\n  row after:  id=1, text=first, version=3"), e.getMessage());
    assertEquals(1, failing(checks(notes, db)).size(), "only the stale update check fails");
  }

  /** delete removes the row whatever version the caller read. */
  static final class DeleteByKey extends NoteRepository {
    DeleteByKey(DataSource dataSource, EntitySchema schema) {
      super(dataSource, schema);
    }

    @Override
    public void delete(Note note) {
      super.delete(findById(note.id()).orElseThrow());
    }
  }

  @Test
  void aDeleteThatIsNotCompareAndSetFailsTheStaleDeleteCheck() {
    DataSource db = sqlite();
    NoteRepository notes =
        new DeleteByKey(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));
    notes.createTable();

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    assertTrue(e.getMessage().startsWith("Note: delete of a stale Note[id=2] (it carries version 1,"
        + " the row has 2 since another writer's update) returned normally instead of throwing"
        + " RecordModifiedException"), e.getMessage());
    assertTrue(e.getMessage().contains("row after:  (no row)"), e.getMessage());
  }

  /** A refused update that wrote anyway: the conflict is reported, but the row was changed. */
  static final class WritesThenRefuses extends NoteRepository {
    WritesThenRefuses(DataSource dataSource, EntitySchema schema) {
      super(dataSource, schema);
    }

    @Override
    public Note update(Note note) {
      if (isChanged(note)) {
        Note current = findById(note.id()).orElseThrow();
        updateUnchecked(note);
        throw new RecordModifiedException(Note.class, note.id(), note.version(),
            current.version(), note, current);
      }
      return super.update(note);
    }
  }

  @Test
  void aRefusedUpdateThatWroteAnywayFails() {
    DataSource db = sqlite();
    NoteRepository notes =
        new WritesThenRefuses(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));
    notes.createTable();

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    assertTrue(e.getMessage().startsWith("Note: the refused update of a stale Note[id=1] changed"
        + " table note: a refused write must write nothing."), e.getMessage());
  }

  /** A repository method that throws instead of answering. */
  static final class IsChangedThrows extends NoteRepository {
    IsChangedThrows(DataSource dataSource, EntitySchema schema) {
      super(dataSource, schema);
    }

    @Override
    public boolean isChanged(Note note) {
      throw new UnsupportedOperationException("not today");
    }
  }

  @Test
  void anExceptionInsideACheckFailsThatCheckNamingEntityAndCheck() {
    DataSource db = sqlite();
    NoteRepository notes =
        new IsChangedThrows(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));
    notes.createTable();

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    assertEquals("Note: isChanged and findByIdAndVersion agree: failed with"
        + " java.lang.UnsupportedOperationException: not today", e.getMessage());
    assertInstanceOf(UnsupportedOperationException.class, e.getCause());
  }

  @Test
  void aSqliteVersionColumnThatLosesDigitsFails() throws SQLException {
    DataSource db = sqlite();
    KitDatabases.execute(db, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT,"
        + " version REAL NOT NULL)");
    NoteRepository notes =
        new NoteRepository(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    String message = e.getMessage();
    assertTrue(message.startsWith("Note: table note does not match what NoteRepository expects:\n"
        + "- note.version: is REAL, which has REAL affinity"), message);
    assertTrue(message.contains("\ncolumn note.version does not keep the INCREMENT version"
        + " 9223372036854775806: written with a plain UPDATE, it reads back as"
        + " 9.2233720368547758e+18, and findByIdAndVersion(5, 9223372036854775806) finds"
        + " nothing."), message);
    assertEquals(1, failing(checks(notes, db)).size(), "only the version column check fails");
  }

  @Test
  void aCheckConstraintThatCapsTheCounterFailsThoughTheColumnTypeIsRight() throws SQLException {
    DataSource db = sqlite();
    KitDatabases.execute(db, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT,"
        + " version INTEGER NOT NULL CHECK (version < 1000000))");
    NoteRepository notes =
        new NoteRepository(db, NoteRepository.schema("note", "version long VERSION INCREMENT"));

    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

    assertTrue(e.getMessage().startsWith("Note: column note.version refuses the INCREMENT version"
        + " 9223372036854775806 (a plain UPDATE failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("CHECK constraint failed"), e.getMessage());
    assertEquals(0, rows(db, "note"));
  }

  @Test
  void aMissingTriggerFails() throws SQLException {
    DataSource db = sqlite();
    NoteRepository notes = new NoteRepository(db,
        NoteRepository.schema("note", "version long VERSION TRIGGER testkit_note_version"));
    notes.createTable();
    KitDatabases.execute(db, "DROP TRIGGER testkit_note_version");

    MultipleFailuresError e = assertThrows(MultipleFailuresError.class, () -> checks(notes, db).verify());

    assertTrue(e.getMessage().startsWith("Note fails "), e.getMessage());
    List<String> failed = failing(checks(notes, db));
    assertTrue(failed.stream().anyMatch(f -> f.startsWith("Note: the trigger testkit_note_version"
        + " is installed -> Note: the trigger testkit_note_version that moves note.version (a"
        + " TRIGGER version) is not installed")), String.join("\n", failed));
    assertTrue(failed.stream().anyMatch(f -> f.startsWith("Note: a fresh update succeeds and moves"
        + " the version -> Note: update of Note[id=") && f.contains("is not installed")),
        String.join("\n", failed));
  }

  @Test
  void aPostgresqlIntegerColumnForALongCounterFails() throws SQLException {
    DataSource db = KitDatabases.postgresql();
    String table = "testkit_int4" + KitDatabases.RUN;
    KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table
        + " (id BIGINT PRIMARY KEY, text TEXT, version INTEGER NOT NULL)");
    try {
      NoteRepository notes =
          new NoteRepository(db, NoteRepository.schema(table, "version long VERSION INCREMENT"));

      AssertionFailedError e =
          assertThrows(AssertionFailedError.class, () -> checks(notes, db).verify());

      assertTrue(e.getMessage().contains("- " + table + ".version: is integer, which has 32 bits,"
          + " too narrow for long values (64 bits)"), e.getMessage());
      assertTrue(e.getMessage().contains("\ncolumn " + table + ".version refuses the INCREMENT"
          + " version 9223372036854775806 (a plain UPDATE failed: "), e.getMessage());
    } finally {
      KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void aMariadbDatetimeWithoutFractionForATimestampVersionFails() throws SQLException {
    DataSource db = KitDatabases.mariadb();
    String table = "testkit_datetime" + KitDatabases.RUN;
    KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table
        + " (id BIGINT PRIMARY KEY, text TEXT, version DATETIME NOT NULL)");
    try {
      NoteRepository notes = new NoteRepository(db,
          NoteRepository.schema(table, "version LocalDateTime VERSION TIMESTAMP"));

      // The runtime itself refuses to write to such a column, so every check that writes fails
      // with its reason; the version column check says what is wrong with the column.
      assertThrows(MultipleFailuresError.class, () -> checks(notes, db).verify());
      List<String> failed = failing(checks(notes, db));
      assertTrue(failed.stream().anyMatch(f -> f.startsWith("Note: the version column " + table
          + ".version holds TIMESTAMP versions -> Note: table " + table
          + " does not match what NoteRepository expects:\n- " + table + ".version: is datetime, which keeps 0 fraction"
          + " digits (whole seconds), but TIMESTAMP versions need 6")),
          String.join("\n", failed));
      assertTrue(failed.stream().anyMatch(f -> f.startsWith("Note: a fresh update succeeds and"
          + " moves the version -> Note: inserting the sample was refused: Note's version column"
          + " cannot keep its versions")), String.join("\n", failed));
      assertEquals(0, rows(db, table));
    } finally {
      KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void aSoundRepositoryPassesOnPostgresqlAndMariadb() throws SQLException {
    for (DataSource db : List.of(KitDatabases.postgresql(), KitDatabases.mariadb())) {
      String table = "testkit_sound" + KitDatabases.RUN;
      for (String line : List.of("version long VERSION INCREMENT",
          "version Instant VERSION TIMESTAMP", "version UUID VERSION RANDOM",
          "version long VERSION TRIGGER testkit_sound_version")) {
        KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table);
        NoteRepository notes = new NoteRepository(db, NoteRepository.schema(table, line));
        notes.createTable();
        try {
          checks(notes, db).verify();
          assertEquals(0, rows(db, table), line);
        } finally {
          if (line.contains("TRIGGER")) {
            Triggers.drop(db, new TriggerDefinition("dev.optilock.test.Note", table, "id",
                "version", "testkit_sound_version"));
          }
          KitDatabases.execute(db, "DROP TABLE IF EXISTS " + table);
        }
      }
    }
  }
}
