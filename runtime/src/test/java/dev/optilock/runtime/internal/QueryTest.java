package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.NonUniqueResultException;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.Sort;
import dev.optilock.runtime.internal.EngineTest.Note;
import dev.optilock.runtime.internal.EngineTest.NoteMapping;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The SQL a {@link Query} builds per dialect family, and {@link QueryRunner}'s handling of single
 * results, counts, pages and streams, on SQLite with a hand-written mapping. The generated queries
 * run end to end on every database in the samples' QueriesTest.
 */
class QueryTest {
  static final EntitySchema SCHEMA = EntitySchema.of("test.Note", "test.NoteRepository", "note",
      "id long KEY", "text String", "version long VERSION INCREMENT");
  static final String[] PROPERTIES = {"id", "text", "version"};

  @TempDir Path dir;

  @Test
  void derivedSqlIsQuotedPerDialectFamilyAndEndsWithTheKey() {
    Query query = Query.derived(SCHEMA, PROPERTIES, "findByText", "{text} = ?", "{version} DESC", 0);
    assertEquals("SELECT \"id\", \"text\", \"version\" FROM \"note\" WHERE \"text\" = ?"
        + " ORDER BY \"version\" DESC, \"id\" ASC", query.rows(Dialect.POSTGRESQL, null, false, new int[0]));
    assertEquals("SELECT `id`, `text`, `version` FROM `note` WHERE `text` = ?"
        + " ORDER BY `version` DESC, `id` ASC", query.rows(Dialect.MARIADB, null, false, new int[0]));
    assertEquals("SELECT COUNT(*) FROM \"note\" WHERE \"text\" = ?", query.count(Dialect.SQLITE, new int[0]));
    assertEquals("SELECT 1 FROM `note` WHERE `text` = ? LIMIT 1", query.exists(Dialect.MARIADB, new int[0]));
    assertEquals("SELECT \"id\", \"text\", \"version\" FROM \"note\" WHERE \"text\" = ?"
        + " ORDER BY \"version\" DESC, \"text\" ASC, \"id\" DESC, \"id\" ASC LIMIT ? OFFSET ?",
        query.rows(Dialect.SQLITE, Sort.asc("text").thenDesc("id"), true, new int[0]));
    Query first = Query.derived(SCHEMA, PROPERTIES, "findFirstBy", "", "", 3);
    assertEquals("SELECT \"id\", \"text\", \"version\" FROM \"note\" ORDER BY \"id\" ASC LIMIT 3",
        first.rows(Dialect.SQLITE, null, false, new int[0]));
  }

  @Test
  void inListsAreExpandedAndEmptyListsKeepTheirMeaning() {
    Query query = Query.derived(SCHEMA, PROPERTIES, "findByIdInAndTextNotIn",
        "{id} IN (#) AND {text} NOT IN (#)", "", 0);
    assertEquals("SELECT COUNT(*) FROM \"note\" WHERE \"id\" IN (?, ?, ?) AND \"text\" NOT IN (?)",
        query.count(Dialect.SQLITE, new int[] {3, 1}));
    assertEquals("SELECT COUNT(*) FROM `note` WHERE 1 = 0 AND `text` IS NOT NULL",
        query.count(Dialect.MARIADB, new int[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> query.count(Dialect.SQLITE, new int[] {1}));
    assertThrows(NullPointerException.class, () -> Query.size(null, "ids"));
    assertThrows(NullPointerException.class, () -> Query.size(java.util.Arrays.asList(1, null), "ids"));
    assertEquals(2, Query.size(List.of(1, 2), "ids"));
  }

  @Test
  void sortNamesAreCheckedNeverPasted() {
    Query query = Query.derived(SCHEMA, PROPERTIES, "findByText", "{text} = ?", "", 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> query.rows(Dialect.SQLITE, Sort.asc("txet"), false, new int[0]));
    assertTrue(e.getMessage().contains("has no such property; its properties are id, text, version"
        + " (did you mean text?)"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> query.rows(Dialect.SQLITE, Sort.asc("text\" ; DROP TABLE note --"), false, new int[0]));
  }

  @Test
  void likePatternsEscapeTheirWildcards() {
    assertEquals("50!%!_off!!%", Query.startingWith("50%_off!"));
    assertEquals("%a!_b", Query.endingWith("a_b"));
    assertEquals("%!%%", Query.containing("%"));
  }

  @Test
  void valueTypesRefuseWhatTheyCannotMean() {
    assertThrows(IllegalArgumentException.class, () -> Limit.of(0));
    assertThrows(IllegalArgumentException.class, () -> Limit.of(1, -1));
    assertThrows(IllegalArgumentException.class, () -> PageRequest.of(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> PageRequest.of(0, 0));
    assertEquals(40, PageRequest.of(2, 20).offset());
    Page<String> last = new Page<>(List.of("a"), 21, 2, 10);
    assertFalse(last.hasNext());
    assertEquals(3, last.totalPages());
    assertTrue(new Page<>(List.of("a", "b"), 21, 0, 2).hasNext());
    assertEquals(1, new Page<String>(List.of(), 0, 0, 10).totalPages());
  }

  private Engine<Note> engine() throws Exception {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("query.db"));
    Engine<Note> engine = new Engine<>(Engine.CONTRACT, sqlite, Note.class, SCHEMA,
        new NoteMapping("long"));
    engine.createTable(dialect -> Engine.createTableSql(SCHEMA, dialect));
    for (long id = 1; id <= 5; id++) {
      engine.insert(new Note(id, id <= 3 ? "same" : "other", 0L));
    }
    return engine;
  }

  private static Binder text(String value) {
    return (statement, dialect) -> {
      statement.setString(1, value);
      return 2;
    };
  }

  @Test
  void singleResultsCountsAndExists() throws Exception {
    Engine<Note> engine = engine();
    Query byText = Query.derived(SCHEMA, PROPERTIES, "findByText", "{text} = ?", "", 0);
    assertEquals(List.of(1L, 2L, 3L), engine.list(byText, text("same")).stream().map(Note::id).toList());
    assertThrows(NonUniqueResultException.class, () -> engine.optional(byText, text("same")));
    assertTrue(engine.optional(byText, text("none")).isEmpty());
    assertThrows(NoSuchElementException.class, () -> engine.one(byText, text("none")));
    assertEquals(3, engine.count(byText, text("same")));
    assertEquals(2, engine.countInt(byText, text("other")));
    assertTrue(engine.exists(byText, text("other")));
    assertFalse(engine.exists(byText, text("none")));
  }

  @Test
  void pagesCountOnlyWhenThePageDoesNotShowTheTotal() throws Exception {
    Engine<Note> engine = engine();
    Query byText = Query.derived(SCHEMA, PROPERTIES, "findByText", "{text} = ?", "", 0);
    Page<Note> full = engine.page(byText, text("same"), PageRequest.of(0, 2), Sort.desc("id"));
    assertEquals(List.of(3L, 2L), full.content().stream().map(Note::id).toList());
    assertEquals(3, full.total());
    Page<Note> last = engine.page(byText, text("same"), PageRequest.of(1, 2), Sort.desc("id"));
    assertEquals(List.of(1L), last.content().stream().map(Note::id).toList());
    assertEquals(3, last.total());
    Page<Note> past = engine.page(byText, text("same"), PageRequest.of(5, 2), null);
    assertTrue(past.content().isEmpty());
    assertEquals(3, past.total());
  }

  @Test
  void streamsCloseTheirStatementAtTheEndAndOnClose() throws Exception {
    Engine<Note> engine = engine();
    Query all = Query.derived(SCHEMA, PROPERTIES, "findAllBy", "", "", 0);
    Stream<Note> stream = engine.stream(all, Binder.NONE, null, Limit.of(2, 1));
    assertEquals(List.of(2L, 3L), stream.map(Note::id).toList());
    // SQLite holds a read lock while a statement is open: a write now proves that none is
    try (Stream<Note> partly = engine.stream(all, Binder.NONE, null, null)) {
      assertEquals(1L, partly.findFirst().orElseThrow().id());
    }
    engine.insert(new Note(6, "new", 0L));
    assertEquals(6, engine.count(all, Binder.NONE));
  }

  /**
   * Queries are pure reads: on a {@code ReadReplicas} source they go to a replica outside
   * transactions, and to the primary inside one (where they must see the transaction's writes).
   */
  @Test
  void queriesReadFromAReplicaOutsideTransactions() throws Exception {
    SQLiteDataSource primary = new SQLiteDataSource();
    primary.setUrl("jdbc:sqlite:" + dir.resolve("primary.db"));
    SQLiteDataSource replica = new SQLiteDataSource();
    replica.setUrl("jdbc:sqlite:" + dir.resolve("replica.db"));
    for (SQLiteDataSource each : List.of(primary, replica)) {
      new Engine<>(Engine.CONTRACT, each, Note.class, SCHEMA, new NoteMapping("long"))
          .createTable(dialect -> Engine.createTableSql(SCHEMA, dialect));
    }
    new Engine<>(Engine.CONTRACT, replica, Note.class, SCHEMA, new NoteMapping("long"))
        .insert(new Note(1, "on the replica", 0L));
    javax.sql.DataSource both = dev.optilock.runtime.ReadReplicas.of(primary, replica);
    Engine<Note> engine = new Engine<>(Engine.CONTRACT, both, Note.class, SCHEMA, new NoteMapping("long"));
    engine.insert(new Note(2, "on the primary", 0L));
    Query all = Query.derived(SCHEMA, PROPERTIES, "findAllBy", "", "", 0);
    assertEquals(List.of(1L), engine.list(all, Binder.NONE).stream().map(Note::id).toList());
    assertEquals(1, engine.count(all, Binder.NONE));
    List<Long> inside = dev.optilock.runtime.Transactions.call(both,
        () -> engine.list(all, Binder.NONE).stream().map(Note::id).toList());
    assertEquals(List.of(2L), inside);
  }

  @Test
  void rowsByLabelInAnyOrderAndAClearErrorForAMissingColumn() throws Exception {
    Engine<Note> engine = engine();
    Query reordered = Query.sql(SCHEMA, PROPERTIES, "reordered",
        "SELECT version, text, id FROM note WHERE id = ?");
    Binder two = (statement, dialect) -> {
      statement.setLong(1, 2);
      return 2;
    };
    Query missing = Query.sql(SCHEMA, PROPERTIES, "missing", "SELECT id, text FROM note");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> engine.list(missing, Binder.NONE));
    assertTrue(e.getMessage().contains("test.Note missing: the result has no column version"), e.getMessage());
    // the hand-written mapping of EngineTest reads by position only: the generated one reads by label
    assertThrows(UnsupportedOperationException.class, () -> engine.one(reordered, two));
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("query.db"));
    try (Connection connection = sqlite.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM note WHERE id = 4");
        ResultSet row = statement.executeQuery()) {
      assertTrue(row.next());
      Note note = engine.fromRow(row);
      assertEquals(new Note(4, "other", 1L), note);
    }
  }
}
