package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionOverflowException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.model.Note;
import dev.optilock.samples.model.NoteRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Issue 12, item 7: the unchecked writes ({@code updateUnchecked}, and {@code update}/{@code
 * save}/{@code updateAll} inside {@code OptimisticLocking.disable()}) move a counter version with
 * SQL {@code version + 1}. At the largest value of the version's Java type they must refuse with
 * {@link VersionOverflowException} and write nothing, as the checked {@code update} does, instead of
 * storing a value Java can't read back (SQLite) or failing with an out-of-range error (PostgreSQL,
 * MariaDB). The stored rows are read with plain JDBC.
 */
class UncheckedOverflowTest {

  private static final String INT_MESSAGE =
      "version 2147483647 is the largest int; widen the version field and column to long";
  private static final String LONG_MESSAGE = "version 9223372036854775807 is the largest long";

  /** Sets a row's stored version behind the repository's back, as years of updates would. */
  private static void storeVersion(DataSource dataSource, String table, long id, long version) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("UPDATE " + table + " SET version = ? WHERE id = ?")) {
      statement.setLong(1, version);
      statement.setLong(2, id);
      assertEquals(1, statement.executeUpdate());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Note 1, "original", stored with {@code version}. */
  private static NoteRepository originalNoteAt(DataSource dataSource, long version) {
    NoteRepository notes = new NoteRepository(dataSource);
    notes.insert(new Note(1, 0, "original"));
    storeVersion(dataSource, "note", 1, version);
    return notes;
  }

  /** id, version (as text, so a REAL or wrapped value shows as it is) and the text column. */
  private static List<String> rows(DataSource dataSource, String table, String textColumn) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, version, " + textColumn + " FROM " + table + " ORDER BY id");
        ResultSet resultSet = statement.executeQuery()) {
      while (resultSet.next()) {
        rows.add(resultSet.getLong(1) + "|" + resultSet.getString(2) + "|" + resultSet.getString(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  @EveryDatabase
  void updateUncheckedOfAnIntVersionAtItsMaximumRefusesAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = originalNoteAt(dataSource, Integer.MAX_VALUE);

    Note edit = new Note(1, 5, "imported");
    VersionOverflowException e =
        assertThrows(VersionOverflowException.class, () -> notes.updateUnchecked(edit));
    assertEquals("Note[id=1]: " + INT_MESSAGE, e.getMessage());
    assertEquals(5, edit.version(), "the caller's object is left as it was");
    assertEquals(List.of("1|2147483647|original"), rows(dataSource, "note", "text"));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedOneBelowTheMaximumStillWritesTheMaximum(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = originalNoteAt(dataSource, Integer.MAX_VALUE - 1);

    Note written = notes.updateUnchecked(new Note(1, 3, "last one"));
    assertEquals(Integer.MAX_VALUE, written.version());
    assertEquals(List.of("1|2147483647|last one"), rows(dataSource, "note", "text"));
  }

  @EveryDatabase
  void updateUncheckedOfALongVersionAtItsMaximumRefusesAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(1, "original", "body", 0));
    storeVersion(dataSource, "article", 1, Long.MAX_VALUE);

    VersionOverflowException e = assertThrows(VersionOverflowException.class,
        () -> articles.updateUnchecked(new Article(1, "imported", "body", 7)));
    assertEquals("Article[id=1]: " + LONG_MESSAGE, e.getMessage());
    assertEquals(List.of("1|9223372036854775807|original"), rows(dataSource, "article", "title"));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedOfADeletedRowIsStillAConflictNotAnOverflow(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = new NoteRepository(dataSource);
    Note stored = notes.insert(new Note(1, 0, "original"));
    notes.delete(stored);
    RecordModifiedException e = assertThrows(RecordModifiedException.class,
        () -> notes.updateUnchecked(new Note(1, 1, "gone")));
    assertEquals("Note[id=1] was deleted: expected version 1, found no row", e.getMessage());
    assertEquals(List.of(), rows(dataSource, "note", "text"));
  }

  @EveryDatabase
  void insideDisableUpdateTryUpdateAndSaveAtTheMaximumRefuseAndWriteNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = originalNoteAt(dataSource, Integer.MAX_VALUE);

    try (var off = OptimisticLocking.disable(Note.class)) {
      assertThrows(VersionOverflowException.class, () -> notes.update(new Note(1, 1, "by update")));
      assertThrows(VersionOverflowException.class, () -> notes.tryUpdate(new Note(1, 1, "by try")));
      assertThrows(VersionOverflowException.class, () -> notes.save(new Note(1, 1, "by save")));
    }
    assertEquals(List.of("1|2147483647|original"), rows(dataSource, "note", "text"));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anUncheckedBatchWithOneRowAtTheMaximumRefusesAndWritesNoRow(TestDatabase db) {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = new NoteRepository(dataSource);
    notes.insert(new Note(1, 0, "one"));
    notes.insert(new Note(2, 0, "two"));
    notes.insert(new Note(3, 0, "three"));
    storeVersion(dataSource, "note", 2, Integer.MAX_VALUE);

    List<Note> batch = List.of(new Note(1, 1, "one'"), new Note(2, 1, "two'"), new Note(3, 1, "three'"));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      try (var off = OptimisticLocking.disable(Note.class)) {
        assertThrows(VersionOverflowException.class, () -> notes.updateAll(batch, policy));
      }
      assertEquals(List.of(1, 1, 1), batch.stream().map(Note::version).toList());
      assertEquals(List.of("1|1|one", "2|2147483647|two", "3|1|three"),
          rows(dataSource, "note", "text"));
    }
    assertEquals(0, db.activeConnections());
  }
}
