package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input: null and wrong arguments (each refused with an exception that names the parameter,
 * before any SQL runs), and hostile values (quotes, SQL fragments, Unicode, 1 MB texts), which are
 * bound parameters and must come back byte for byte. Reserved words as identifiers are {@code
 * ReservedWordsTest}'s subject; the compile-time misuses are {@code CatalogTest}'s (processor
 * module).
 */
class HostileInputTest {

  // ---- null arguments ----

  /** A value of every kind a repository method takes, saved, and the repositories to call. */
  private static final class Fixture {
    final HotCounterRepository counters;
    final DocumentRepository documents;
    final HotCounter counter;
    final Document document;

    Fixture(DataSource dataSource) {
      counters = new HotCounterRepository(dataSource);
      documents = new DocumentRepository(dataSource);
      counter = counters.insert(new HotCounter(1, 0, "initial", 0));
      document = documents.insert(
          Document.of(UUID.fromString("00000000-0000-0000-0000-000000000001"), "initial",
              Instant.parse("2024-01-01T00:00:00Z")));
    }
  }

  private record Case(String call, String parameter, Executable executable) {}

  private static List<Case> nullArguments(Fixture f, DataSource dataSource) {
    HotCounterRepository c = f.counters;
    DocumentRepository d = f.documents;
    List<HotCounter> counters = List.of(f.counter);
    UnaryOperator<HotCounter> change = x -> x.incremented("x");
    return List.of(
        new Case("new HotCounterRepository(null)", "dataSource", () -> new HotCounterRepository(null)),
        new Case("Database.of(null)", "dataSource", () -> Database.of(null)),
        new Case("insert(null)", "hotCounter", () -> c.insert(null)),
        new Case("update(null)", "hotCounter", () -> c.update(null)),
        new Case("tryUpdate(null)", "hotCounter", () -> c.tryUpdate(null)),
        new Case("delete(null)", "hotCounter", () -> c.delete(null)),
        new Case("save(null)", "hotCounter", () -> c.save(null)),
        new Case("isChanged(null)", "hotCounter", () -> c.isChanged(null)),
        new Case("updateUnchecked(null)", "hotCounter", () -> c.updateUnchecked(null)),
        new Case("updateWithoutIncrement(null)", "hotCounter", () -> c.updateWithoutIncrement(null)),
        new Case("updateAll(list, null)", "policy", () -> c.updateAll(counters, null)),
        new Case("deleteAll(list, null)", "policy", () -> c.deleteAll(counters, null)),
        new Case("ifUnchanged(list, null)", "action", () -> c.ifUnchanged(counters, null)),
        new Case("modify(1, null)", "change", () -> c.modify(1, null)),
        new Case("modify(1, null, policy)", "change", () -> c.modify(1, null, RetryPolicy.defaults())),
        new Case("modify(1, change, null)", "policy", () -> c.modify(1, change, null)),
        new Case("Document findById(null)", "id", () -> d.findById(null)),
        new Case("Document findByIdAndVersion(null, 1)", "id", () -> d.findByIdAndVersion(null, 1)),
        new Case("Document findByIdAndVersion(id, null)", "version",
            () -> d.findByIdAndVersion(f.document.getId(), null)),
        new Case("Document modify(null, change)", "id", () -> d.modify(null, x -> x)),
        new Case("Document insert(null)", "document", () -> d.insert(null)),
        new Case("Document update(null)", "document", () -> d.update(null)),
        new Case("Transactions.run(null, work)", "dataSource", () -> Transactions.run(null, () -> {})),
        new Case("Transactions.run(dataSource, null)", "work",
            () -> Transactions.run(dataSource, null)),
        new Case("Transactions.call(null, work)", "dataSource", () -> Transactions.call(null, () -> 1)),
        new Case("Transactions.call(dataSource, null)", "work",
            () -> Transactions.call(dataSource, null)),
        new Case("new RetryPolicy(1, null, max)", "initialBackoff",
            () -> new RetryPolicy(1, null, Duration.ZERO)),
        new Case("new RetryPolicy(1, initial, null)", "maxBackoff",
            () -> new RetryPolicy(1, Duration.ZERO, null)),
        new Case("OptimisticLocking.disable((Class[]) null)", "entityTypes",
            () -> OptimisticLocking.disable((Class<?>[]) null)),
        new Case("OptimisticLocking.disable(HotCounter.class, null)", "entityTypes[1]",
            () -> OptimisticLocking.disable(HotCounter.class, null)));
  }

  @TestFactory
  Stream<DynamicTest> nullArgumentsAreRefusedByName() {
    TestDatabase.SQLITE.fresh("hot_counter", "document");
    Fixture f = new Fixture(TestDatabase.SQLITE.pool());
    return nullArguments(f, TestDatabase.SQLITE.pool()).stream().map(c -> DynamicTest.dynamicTest(c.call(), () -> {
      NullPointerException npe = assertThrows(NullPointerException.class, c.executable(), c.call());
      assertEquals(c.parameter(), npe.getMessage(), c.call() + " must name its parameter");
      assertUnchanged(f);
    }));
  }

  /**
   * {@code updateAll}, {@code deleteAll} and {@code ifUnchanged} name a null collection (or element)
   * by the repository method's parameter name.
   */
  @Test
  void nullCollectionsAreRefusedByTheirParameterName() {
    TestDatabase.SQLITE.fresh("hot_counter", "document");
    Fixture f = new Fixture(TestDatabase.SQLITE.pool());
    HotCounterRepository c = f.counters;
    List<HotCounter> withNull = Arrays.asList(f.counter, null);
    List<Case> cases = List.of(
        new Case("updateAll(null, policy)", "hotCounters",
            () -> c.updateAll(null, ConflictPolicy.ABORT_ALL)),
        new Case("deleteAll(null, policy)", "hotCounters",
            () -> c.deleteAll(null, ConflictPolicy.ABORT_ALL)),
        new Case("ifUnchanged(null, action)", "selection", () -> c.ifUnchanged(null, () -> 1)),
        new Case("updateAll([x, null], policy)", "hotCounters[1]",
            () -> c.updateAll(withNull, ConflictPolicy.SKIP_CONFLICTS)));
    List<String> wrong = new ArrayList<>();
    for (Case k : cases) {
      NullPointerException npe = assertThrows(NullPointerException.class, k.executable(), k.call());
      if (npe.getMessage() == null || !npe.getMessage().startsWith(k.parameter())) {
        wrong.add(k.call() + " says \"" + npe.getMessage() + "\", expected " + k.parameter());
      }
    }
    assertUnchanged(f);
    assertEquals(List.of(), wrong);
  }

  /** What the runtime says today for null collections: an NPE, before any SQL, writing nothing. */
  @Test
  void nullCollectionsAreRefusedBeforeAnySql() {
    TestDatabase.SQLITE.fresh("hot_counter", "document");
    Fixture f = new Fixture(TestDatabase.SQLITE.pool());
    HotCounterRepository c = f.counters;
    List<HotCounter> withNull = Arrays.asList(f.counter.incremented("x"), null);
    assertThrows(NullPointerException.class, () -> c.updateAll(null, ConflictPolicy.ABORT_ALL));
    assertThrows(NullPointerException.class, () -> c.deleteAll(null, ConflictPolicy.ABORT_ALL));
    assertThrows(NullPointerException.class, () -> c.ifUnchanged(null, () -> 1));
    NullPointerException element = assertThrows(NullPointerException.class,
        () -> c.updateAll(withNull, ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(element.getMessage().contains("[1]"), element.getMessage());
    OptimisticLocking.Scope off = OptimisticLocking.disable();
    try {
      assertThrows(NullPointerException.class, () -> c.updateAll(null, ConflictPolicy.ABORT_ALL));
      assertThrows(NullPointerException.class,
          () -> c.updateAll(withNull, ConflictPolicy.ABORT_ALL));
    } finally {
      off.close();
    }
    assertUnchanged(f);
  }

  // ---- wrong arguments ----

  @Test
  void wrongArgumentsAreRefusedWithAMessageThatSaysWhatIsWrong() throws Exception {
    TestDatabase.SQLITE.fresh("hot_counter", "document");
    Fixture f = new Fixture(TestDatabase.SQLITE.pool());
    HotCounterRepository c = f.counters;
    HotCounter unsaved = new HotCounter(7, 0, "never saved", 0);
    for (Executable call : List.<Executable>of(
        () -> c.update(unsaved), () -> c.tryUpdate(unsaved), () -> c.delete(unsaved),
        () -> c.updateUnchecked(unsaved), () -> c.updateWithoutIncrement(unsaved),
        () -> c.updateAll(List.of(f.counter, unsaved), ConflictPolicy.SKIP_CONFLICTS),
        () -> c.deleteAll(List.of(unsaved), ConflictPolicy.SKIP_CONFLICTS),
        () -> c.ifUnchanged(List.of(unsaved), () -> {
          throw new AssertionError("the action ran");
        }))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertTrue(e.getMessage().contains("never saved"), e.getMessage());
    }
    Document unsavedDocument = Document.of(UUID.randomUUID(), "never saved", Instant.EPOCH);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> f.documents.update(unsavedDocument))
        .getMessage().contains("never saved"));

    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> c.updateAll(List.of(f.counter, f.counter), ConflictPolicy.ABORT_ALL));
    assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());

    NoSuchElementException missing =
        assertThrows(NoSuchElementException.class, () -> c.modify(404, x -> x.incremented("x")));
    assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    NullPointerException nullChange = assertThrows(NullPointerException.class, () -> c.modify(1, x -> null));
    assertTrue(nullChange.getMessage().contains("change"), nullChange.getMessage());

    IllegalArgumentException attempts = assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    assertTrue(attempts.getMessage().contains("maxAttempts"), attempts.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(-1))
        .getMessage().contains("maxAttempts"));
    assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO))
        .getMessage().contains("negative"));

    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> OptimisticLocking.disable(new Class<?>[0]));
    assertTrue(none.getMessage().contains("disable()"), none.getMessage());
    try (var outer = OptimisticLocking.disable(); var inner = OptimisticLocking.disable()) {
      assertThrows(IllegalStateException.class, outer::close, "closing out of order");
      ExecutionException otherThread = assertThrows(ExecutionException.class,
          () -> CompletableFuture.runAsync(inner::close).get());
      assertTrue(otherThread.getCause() instanceof IllegalStateException, otherThread.toString());
    }
    assertTrue(OptimisticLocking.isChecking(HotCounter.class), "scopes must be closed now");
    assertUnchanged(f);
  }

  private static void assertUnchanged(Fixture f) {
    assertEquals(List.of(f.counter), f.counters.findAll(), "a refused call wrote something");
    assertEquals(1, f.documents.findAll().size());
    assertEquals(f.document.getVersion(), f.documents.findAll().get(0).getVersion());
    assertEquals(0, TestDatabase.SQLITE.activeConnections());
  }

  // ---- hostile values ----

  static final List<String> HOSTILE = List.of(
      "'", "''", "\"", "`", "\\", "\\'", "'\\''",
      "'; DROP TABLE hostile_text; --",
      "\"; DROP TABLE \"hostile_text\"; --",
      "`; DROP TABLE `hostile_text`; --",
      "' OR '1'='1", "1 OR 1=1", "' UNION SELECT version() --",
      "Robert'); DELETE FROM hostile_text WHERE ('1' = '1",
      "?", "? ?", "$1", "$$ $tag$ $$", ":name", "%", "_", "%_\\%",
      "{fn now()}", "{d '2024-01-01'}", "{call evil()}", "/* unterminated comment", "-- comment",
      "#", "\n\r\t\f\u000b", "\u0001\u0002\u001f\u007f",
      "",
      "   ", "trailing space ",
      "😀", "👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇫🇷 regional indicators",
      "𝕳𝖊𝖑𝖑𝖔 𝟙𝟚𝟛 (mathematical alphanumerics, outside the BMP)",
      "שלום עולם", "مرحبا بالعالم", "\u202Eevil\u202C override", "\u200F\u200E marks",
      "e\u0301 vs \u00e9; a\u0308; \u0915\u094D\u0937 (combining marks, not normalized)",
      "Z\u0351\u0360\u0361a\u0337\u0334\u0358l\u0336\u0322\u0321g\u0335\u0357o\u0334\u0489",
      "\uFEFFbyte order mark", "zero\u200Bwidth\u200Djoiner", "\u00a0non-breaking\u2028line\u2029paragraph",
      "日本語テキスト 中文 한국어", "Ελληνικά Кириллица ქართული",
      "\uFFFD replacement char, \uFFFF noncharacter");

  @EveryDatabase
  void hostileStringsRoundTripByteForByte(TestDatabase db) throws SQLException {
    HostileTextRepository texts = new HostileTextRepository(db.fresh("hostile_text"));
    List<HostileText> stored = new ArrayList<>();
    long id = 1;
    for (String value : HOSTILE) {
      HostileText written = texts.insert(new HostileText(id++, value, 0));
      assertRoundTrip(db, texts, written.id(), value);
      stored.add(written);
    }
    // update every row to the next row's value, one by one
    for (int i = 0; i < stored.size(); i++) {
      String value = HOSTILE.get((i + 1) % HOSTILE.size());
      HostileText updated = texts.update(stored.get(i).withBody(value));
      assertRoundTrip(db, texts, updated.id(), value);
      assertEquals(Optional.of(updated), texts.findByIdAndVersion(updated.id(), updated.version()));
      stored.set(i, updated);
    }
    // and back, in one batch
    List<HostileText> back = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      back.add(stored.get(i).withBody(HOSTILE.get(i)));
    }
    List<HostileText> updated = texts.updateAll(back, ConflictPolicy.ABORT_ALL).updated();
    assertEquals(HOSTILE.size(), updated.size());
    List<HostileText> all = texts.findAll();
    assertEquals(updated, all);
    for (int i = 0; i < HOSTILE.size(); i++) {
      assertRoundTrip(db, texts, all.get(i).id(), HOSTILE.get(i));
    }
    // a stale write of a hostile value conflicts, and the conflict reports the stored value
    HostileText stale = stored.get(7).withBody("'; DELETE FROM hostile_text; --");
    RecordModifiedException conflict = assertThrows(RecordModifiedException.class, () -> texts.update(stale));
    assertEquals(HOSTILE.get(7), conflict.current(HostileText.class).orElseThrow().body());
    assertSame(stale, conflict.target());
    assertEquals(HOSTILE.size(), texts.findAll().size(), "rows after the hostile values");
    assertEquals(0, db.activeConnections());
  }

  /** 1 MiB of ASCII full of quotes and SQL, and over 1 MiB of every script above. */
  static final String MEGABYTE_ASCII =
      repeatTo("It's a \"quoted\" `value`; DROP TABLE t; -- \\ ? $1 %\n", 1 << 20)
          .substring(0, 1 << 20);
  static final String MEGABYTE_UNICODE = repeatTo(
      String.join("|", HOSTILE.subList(HOSTILE.indexOf("\uD83D\uDE00"), HOSTILE.size())), 1 << 20);

  private static String repeatTo(String unit, int bytes) {
    int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
    return unit.repeat(bytes / unitBytes + 1);
  }

  @EveryDatabase
  void megabyteValuesRoundTripByteForByte(TestDatabase db) throws SQLException {
    HostileTextRepository texts = new HostileTextRepository(db.fresh("hostile_text"));
    HostileText first = texts.insert(new HostileText(1, MEGABYTE_ASCII, 0));
    HostileText second = texts.insert(new HostileText(2, MEGABYTE_UNICODE, 0));
    assertRoundTrip(db, texts, 1, MEGABYTE_ASCII);
    assertRoundTrip(db, texts, 2, MEGABYTE_UNICODE);
    HostileText swapped = texts.update(first.withBody(MEGABYTE_UNICODE));
    assertRoundTrip(db, texts, 1, MEGABYTE_UNICODE);
    texts.updateAll(List.of(swapped.withBody(MEGABYTE_ASCII), second.withBody(MEGABYTE_ASCII + "!")),
        ConflictPolicy.ABORT_ALL);
    assertRoundTrip(db, texts, 1, MEGABYTE_ASCII);
    assertRoundTrip(db, texts, 2, MEGABYTE_ASCII + "!");
    assertEquals(0, db.activeConnections());
  }

  /**
   * Through the repository and through plain JDBC, the value comes back as the same UTF-8 bytes,
   * and the database itself counts that many bytes.
   */
  private static void assertRoundTrip(TestDatabase db, HostileTextRepository texts, long id, String value)
      throws SQLException {
    byte[] expected = value.getBytes(StandardCharsets.UTF_8);
    String viaRepository = texts.findById(id).orElseThrow().body();
    assertArrayEquals(expected, viaRepository.getBytes(StandardCharsets.UTF_8),
        () -> "row " + id + " via the repository: " + abbreviate(value));
    String octets = switch (db) {
      case SQLITE -> "length(CAST(\"body\" AS BLOB))";
      case POSTGRESQL -> "octet_length(\"body\")";
      case MARIADB -> "OCTET_LENGTH(`body`)";
    };
    String table = db == TestDatabase.MARIADB ? "`hostile_text`" : "\"hostile_text\"";
    String idColumn = db == TestDatabase.MARIADB ? "`id`" : "\"id\"";
    String body = db == TestDatabase.MARIADB ? "`body`" : "\"body\"";
    try (Connection connection = db.pool().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT " + body + ", " + octets + " FROM " + table + " WHERE " + idColumn + " = ?")) {
      statement.setLong(1, id);
      try (ResultSet resultSet = statement.executeQuery()) {
        assertTrue(resultSet.next(), "row " + id);
        assertArrayEquals(expected, resultSet.getString(1).getBytes(StandardCharsets.UTF_8),
            () -> "row " + id + " via JDBC: " + abbreviate(value));
        assertEquals(expected.length, resultSet.getLong(2),
            () -> "bytes the database stores for row " + id + ": " + abbreviate(value));
      }
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 60 ? value.substring(0, 60) + "... (" + value.length() + " chars)" : value;
  }

  // ---- NUL ----

  /**
   * U+0000 inside a string. PostgreSQL cannot store it in {@code text} and refuses the statement
   * (SQLSTATE 22021): the caller gets a DataAccessException and nothing is written, neither by the
   * single calls nor by a batch that carries one such value among good ones. SQLite and MariaDB
   * store it and give it back unchanged.
   */
  @EveryDatabase
  void nulIsRefusedByPostgresqlAndKeptByTheOthers(TestDatabase db) throws SQLException {
    HostileTextRepository texts = new HostileTextRepository(db.fresh("hostile_text"));
    String nul = "before\u0000after";
    HostileText first = texts.insert(new HostileText(1, "first", 0));
    HostileText second = texts.insert(new HostileText(2, "second", 0));
    if (db != TestDatabase.POSTGRESQL) {
      HostileText written = texts.update(first.withBody(nul));
      assertRoundTrip(db, texts, 1, nul);
      texts.insert(new HostileText(3, nul, 0));
      assertRoundTrip(db, texts, 3, nul);
      texts.updateAll(List.of(written.withBody("\u0000"), second.withBody(nul + nul)),
          ConflictPolicy.ABORT_ALL);
      assertRoundTrip(db, texts, 1, "\u0000");
      assertRoundTrip(db, texts, 2, nul + nul);
      return;
    }
    List<HostileText> before = List.of(first, second);
    for (Executable call : List.<Executable>of(
        () -> texts.insert(new HostileText(3, nul, 0)),
        () -> texts.update(first.withBody(nul)),
        () -> texts.tryUpdate(first.withBody(nul)),
        () -> texts.updateUnchecked(first.withBody(nul)),
        () -> texts.updateAll(List.of(first.withBody("fine"), second.withBody(nul)),
            ConflictPolicy.SKIP_CONFLICTS),
        () -> Transactions.run(db.pool(), () -> {
          texts.update(first.withBody("fine"));
          texts.update(second.withBody(nul));
        }))) {
      DataAccessException refused = assertThrows(DataAccessException.class, call);
      assertEquals("22021", refused.sqlState(), refused.toString());
      assertFalse(Figures.contains(refused, RecordModifiedException.class));
      assertEquals(before, texts.findAll(), "nothing may be written");
      assertEquals(0, db.activeConnections());
    }
  }
}
