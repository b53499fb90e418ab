package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 5: a batch decides which rows matched the way the database does, never by Java's
 * {@code equals} on keys or versions. Each case checks first what the database itself says (a
 * single {@code update}, or a plain JDBC query), then that {@code updateAll}, {@code deleteAll} and
 * {@code ifUnchanged} agree with it row by row, reading what was stored with plain JDBC.
 */
class BatchMatchingTest {

  /** Every row of {@code table} as text, one list per row, read with plain JDBC. */
  private static List<List<String>> stored(DataSource dataSource, String sql) {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet resultSet = statement.executeQuery()) {
      int columns = resultSet.getMetaData().getColumnCount();
      while (resultSet.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(resultSet.getString(i));
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static int plainUpdate(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the database finds a row of {@code table} where {@code predicate} holds for {@code value}. */
  private static boolean databaseMatches(DataSource dataSource, String sql, Object value) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, value);
      try (ResultSet resultSet = statement.executeQuery()) {
        return resultSet.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A repository of tags, with a row inserted (at version 1) for each of these names. */
  private static TagRepository tagsNamed(DataSource dataSource, String... names) {
    TagRepository tags = new TagRepository(dataSource);
    for (String name : names) {
      tags.insert(new Tag(name, "row " + name, 0));
    }
    return tags;
  }

  private static List<List<String>> tags(DataSource dataSource) {
    return stored(dataSource, "SELECT name, label, version FROM tag ORDER BY version, label");
  }

  // ----------------------------------------------------------- case-insensitive text keys

  @EveryDatabase
  void aKeyThatTheDatabaseMatchesIgnoringCaseIsWrittenByABatchAsByUpdate(TestDatabase db) {
    DataSource dataSource = db.fresh("tag");
    TagRepository tags = new TagRepository(dataSource);
    tags.insert(new Tag("abc", "one", 0));
    tags.insert(new Tag("def", "two", 0));
    // the premise: for this column the database compares 'ABC' equal to 'abc'
    assertTrue(databaseMatches(dataSource, "SELECT 1 FROM tag WHERE name = ?", "ABC"));
    // what a single compare-and-set update does: it writes row abc
    Tag single = tags.update(new Tag("ABC", "by update", 1));
    assertEquals(new Tag("ABC", "by update", 2), single);
    assertEquals(List.of(List.of("def", "two", "1"), List.of("abc", "by update", "2")),
        tags(dataSource));

    for (ConflictPolicy policy : ConflictPolicy.values()) {
      long v = policy == ConflictPolicy.ABORT_ALL ? 2 : 3;
      BatchResult<Tag> result =
          tags.updateAll(
              List.of(new Tag("ABC", "batch " + policy, v), new Tag("DEF", "batch " + policy, v - 1)),
              policy);
      assertEquals(List.of(), result.conflicts(), policy.toString());
      assertEquals(
          List.of(new Tag("ABC", "batch " + policy, v + 1), new Tag("DEF", "batch " + policy, v)),
          result.updated());
      assertEquals(
          List.of(List.of("def", "batch " + policy, Long.toString(v)),
              List.of("abc", "batch " + policy, Long.toString(v + 1))),
          tags(dataSource));
    }

    BatchResult<Tag> deleted =
        tags.deleteAll(List.of(new Tag("Abc", "", 4), new Tag("dEf", "", 3)), ConflictPolicy.ABORT_ALL);
    assertEquals(2, deleted.deleted().size());
    assertEquals(List.of(), tags(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictReportsTheRowTheDatabaseMatchedNotADeletedOne(TestDatabase db) {
    DataSource dataSource = db.fresh("tag");
    TagRepository tags = new TagRepository(dataSource);
    tags.insert(new Tag("abc", "one", 0));
    tags.update(new Tag("abc", "theirs", 1)); // version 2
    Tag stale = new Tag("ABC", "mine", 1);

    RecordModifiedException single = assertThrows(RecordModifiedException.class, () -> tags.update(stale));
    assertEquals(Optional.of(2L), single.actualVersion());

    BatchResult<Tag> result = tags.updateAll(List.of(stale), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(), result.updated());
    Conflict<Tag> conflict = result.conflicts().get(0);
    assertEquals("ABC", conflict.id());
    assertEquals(Optional.of(2L), conflict.actualVersion(), "the row abc is there, at version 2");
    assertFalse(conflict.deleted());
    assertSame(stale, conflict.target());

    BatchConflictException aborted =
        assertThrows(BatchConflictException.class,
            () -> tags.deleteAll(List.of(stale), ConflictPolicy.ABORT_ALL));
    assertEquals(Optional.of(2L), aborted.conflicts().get(0).actualVersion());
    assertEquals(List.of(List.of("abc", "theirs", "2")), tags(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void keysTheDatabaseConsidersEqualAreDuplicatesAndNothingIsWritten(TestDatabase db) {
    DataSource dataSource = db.fresh("tag");
    TagRepository tags = tagsNamed(dataSource, "abc", "def", "ghi");
    List<List<String>> before = tags(dataSource);
    List<Tag> twice =
        List.of(new Tag("def", "x", 1), new Tag("abc", "x", 1), new Tag("ghi", "x", 1), new Tag("ABC", "y", 1));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      IllegalArgumentException update =
          assertThrows(IllegalArgumentException.class, () -> tags.updateAll(twice, policy));
      assertEquals(
          "tags[3]: Tag[name=ABC] is the same row as tags[1] Tag[name=abc] for the database; nothing"
              + " was written",
          update.getMessage());
      IllegalArgumentException delete =
          assertThrows(IllegalArgumentException.class, () -> tags.deleteAll(twice, policy));
      assertEquals(update.getMessage(), delete.getMessage());
      assertEquals(before, tags(dataSource), policy.toString());
    }
    AtomicBoolean ran = new AtomicBoolean();
    IllegalArgumentException guarded =
        assertThrows(IllegalArgumentException.class, () -> tags.ifUnchanged(twice, () -> ran.getAndSet(true)));
    assertTrue(guarded.getMessage().startsWith("selection[3]: Tag[name=ABC] is the same row as"),
        guarded.getMessage());
    assertFalse(ran.get());
    // a duplicate of a row that is gone is no duplicate: both spellings are simply conflicts
    List<Tag> gone = List.of(new Tag("xyz", "x", 1), new Tag("XYZ", "x", 1), new Tag("abc", "x", 1));
    BatchResult<Tag> result = tags.updateAll(gone, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of("xyz", "XYZ"), result.conflicts().stream().map(Conflict::id).toList());
    assertTrue(result.conflicts().stream().allMatch(Conflict::deleted));
    assertEquals(List.of(new Tag("abc", "x", 2)), result.updated());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void ifUnchangedFindsTheRowsTheDatabaseMatches(TestDatabase db) {
    DataSource dataSource = db.fresh("tag");
    TagRepository tags = tagsNamed(dataSource, "abc", "def");
    tags.update(new Tag("def", "theirs", 1)); // version 2

    assertEquals("ran", tags.ifUnchanged(List.of(new Tag("ABC", "", 1), new Tag("DEF", "", 2)), () -> "ran"));
    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> tags.ifUnchanged(List.of(new Tag("ABC", "", 1), new Tag("Def", "", 1)), () -> "ran"));
    assertEquals(1, e.conflicts().size());
    assertEquals("Def", e.conflicts().get(0).id());
    assertEquals(Optional.of(2L), e.conflicts().get(0).actualVersion());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aCompositeKeyWithACaseInsensitivePartIsMatchedByTheDatabase(TestDatabase db) {
    DataSource dataSource = db.fresh("slot");
    SlotRepository slots = new SlotRepository(dataSource);
    slots.insert(new Slot("a", 1, "apples", 0));
    slots.insert(new Slot("a", 2, "pears", 0));
    slots.insert(new Slot("b", 1, "plums", 0));
    slots.update(new Slot("b", 1, "theirs", 1)); // version 2

    BatchResult<Slot> result =
        slots.updateAll(
            List.of(new Slot("A", 2, "more pears", 1), new Slot("B", 1, "mine", 1), new Slot("a", 1, "figs", 1)),
            ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(new Slot("A", 2, "more pears", 2), new Slot("a", 1, "figs", 2)), result.updated());
    assertEquals(1, result.conflicts().size());
    assertEquals(Optional.of(2L), result.conflicts().get(0).actualVersion());
    assertEquals(
        List.of(List.of("a", "1", "figs", "2"), List.of("b", "1", "theirs", "2"),
            List.of("a", "2", "more pears", "2")),
        stored(dataSource, "SELECT aisle, position, item, version FROM slot ORDER BY position, item"));

    List<Slot> twice = List.of(new Slot("a", 1, "x", 2), new Slot("A", 1, "y", 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> slots.deleteAll(twice, ConflictPolicy.SKIP_CONFLICTS));
    assertEquals(
        "slots[1]: Slot[aisle=A, position=1] is the same row as slots[0] Slot[aisle=a, position=1]"
            + " for the database; nothing was written",
        e.getMessage());
    assertEquals("ran", slots.ifUnchanged(List.of(new Slot("A", 1, "", 2), new Slot("B", 1, "", 2)), () -> "ran"));
    assertEquals(3, stored(dataSource, "SELECT aisle FROM slot").size());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void versionsTheDatabaseDecidesAreReadBackFromTheRowsItMatched(TestDatabase db) {
    DataSource dataSource = db.fresh("caption");
    CaptionRepository captions = new CaptionRepository(dataSource);
    captions.insert(new Caption("abc", "A", "a", 0));
    captions.insert(new Caption("def", "D", "d", 0));
    captions.insert(new Caption("ghi", "G", "g", 0));
    BatchResult<Caption> result =
        captions.updateAll(
            List.of(new Caption("ABC", "A2", "a", 1), new Caption("DeF", "D", "d2", 1),
                new Caption("ghi", "G", "g", 1)),
            ConflictPolicy.SKIP_CONFLICTS);
    // a new title moves the version; a new body alone, or nothing, keeps it
    assertEquals(
        List.of(new Caption("ABC", "A2", "a", 2), new Caption("DeF", "D", "d2", 1),
            new Caption("ghi", "G", "g", 1)),
        result.updated());
    assertEquals(
        List.of(List.of("abc", "A2", "2"), List.of("def", "D", "1"), List.of("ghi", "G", "1")),
        stored(dataSource, "SELECT name, title, version FROM caption ORDER BY title"));
    // two spellings of one row whose statements would both match (nothing moves the version)
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> captions.updateAll(List.of(new Caption("def", "D", "x", 1), new Caption("DEF", "D", "y", 1)),
                ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(e.getMessage().startsWith("captions[1]: Caption[name=DEF] is the same row as captions[0]"),
        e.getMessage());
    assertEquals(List.of(List.of("d2")), stored(dataSource, "SELECT body FROM caption WHERE title = 'D'"));
    assertEquals(0, db.activeConnections());
  }

  // --------------------------------------------------------------- decimal keys and scale

  @EveryDatabase
  void decimalKeysOfAnotherScaleAreTheRowsTheDatabaseSaysTheyAre(TestDatabase db) {
    DataSource dataSource = db.fresh("lot");
    LotRepository lots = new LotRepository(dataSource);
    lots.insert(new Lot(new BigDecimal("1.00"), "one", 0));
    lots.insert(new Lot(new BigDecimal("2.50"), "two and a half", 0));
    BigDecimal oneTenth = new BigDecimal("1.0");
    // PostgreSQL numeric and MariaDB DECIMAL compare numbers; SQLite keeps decimals as text
    boolean sameRow = databaseMatches(dataSource, "SELECT 1 FROM lot WHERE code = ?", oneTenth);
    assertEquals(db != TestDatabase.SQLITE, sameRow);

    if (sameRow) {
      Lot single = lots.update(new Lot(oneTenth, "by update", 1));
      assertEquals(2, single.version());
      BatchResult<Lot> result =
          lots.updateAll(List.of(new Lot(oneTenth, "batch", 2), new Lot(new BigDecimal("2.5"), "batch", 1)),
              ConflictPolicy.ABORT_ALL);
      assertEquals(2, result.updated().size());
      assertEquals(
          List.of(List.of("batch", "2"), List.of("batch", "3")),
          stored(dataSource, "SELECT note, version FROM lot ORDER BY version"));
      // a stale one of them: the conflict names the row at 1.00 and its version
      BatchResult<Lot> stale = lots.updateAll(List.of(new Lot(oneTenth, "late", 2)), ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(Optional.of(3L), stale.conflicts().get(0).actualVersion());
      // 1.0 and 1.00 are one row: a duplicate, and nothing is written
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> lots.deleteAll(List.of(new Lot(new BigDecimal("1.00"), "", 3), new Lot(oneTenth, "", 3)),
                  ConflictPolicy.SKIP_CONFLICTS));
      assertEquals(
          "lots[1]: Lot[code=1.0] is the same row as lots[0] Lot[code=1.00] for the database; nothing"
              + " was written",
          e.getMessage());
      assertEquals(2, stored(dataSource, "SELECT code FROM lot").size());
      assertEquals("ran", lots.ifUnchanged(List.of(new Lot(oneTenth, "", 3)), () -> "ran"));
    } else {
      assertThrows(RecordModifiedException.class, () -> lots.update(new Lot(oneTenth, "by update", 1)));
      BatchResult<Lot> result =
          lots.updateAll(List.of(new Lot(oneTenth, "batch", 1), new Lot(new BigDecimal("1.00"), "batch", 1)),
              ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(List.of(new Lot(new BigDecimal("1.00"), "batch", 2)), result.updated());
      assertEquals(1, result.conflicts().size());
      assertTrue(result.conflicts().get(0).deleted());
      assertEquals(
          List.of(List.of("1.00", "batch", "2"), List.of("2.50", "two and a half", "1")),
          stored(dataSource, "SELECT code, note, version FROM lot ORDER BY code"));
    }
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------ versions as the database compares them

  @EveryDatabase
  void aRandomVersionRewrittenInUpperCaseIsNeverReportedWrittenWhereTheDatabaseSaysItDiffers(TestDatabase db) {
    DataSource dataSource = db.fresh("voucher");
    VoucherRepository vouchers = new VoucherRepository(dataSource);
    Voucher one = vouchers.insert(new Voucher(1, "one", null));
    Voucher two = vouchers.insert(new Voucher(2, "two", null));
    // another client rewrites the tokens in upper case: the same UUID for Java
    plainUpdate(dataSource, db == TestDatabase.POSTGRESQL
        ? "UPDATE voucher SET token = UPPER(token::text)::uuid"
        : "UPDATE voucher SET token = UPPER(token)");
    assertEquals(vouchers.findById(1).orElseThrow().token(), one.token());
    // whether the database still finds version one.token() (PostgreSQL's uuid: yes; text: no)
    boolean same =
        databaseMatches(dataSource, "SELECT 1 FROM voucher WHERE token = ?",
            db == TestDatabase.POSTGRESQL ? one.token() : one.token().toString());
    assertEquals(db == TestDatabase.POSTGRESQL, same);
    List<List<String>> before = stored(dataSource, "SELECT id, note, token FROM voucher ORDER BY id");

    if (!same) {
      // What a single compare-and-set does: it writes nothing and says so, either as a conflict or
      // as a version stored in a form the database does not compare equal (DataAccessException).
      RuntimeException single =
          assertThrows(RuntimeException.class, () -> vouchers.update(one.withNote("by update")));
      assertTrue(single instanceof RecordModifiedException || single instanceof DataAccessException,
          single.toString());
      List<Voucher> batch = List.of(one.withNote("batch"), two.withNote("batch"));
      if (single instanceof RecordModifiedException) {
        BatchResult<Voucher> result = vouchers.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
        assertEquals(List.of(), result.updated(), "no write is reported that the database did not do");
        assertEquals(List.of(1L, 2L), result.conflicts().stream().map(Conflict::id).toList());
        BatchResult<Voucher> deleted = vouchers.deleteAll(List.of(one, two), ConflictPolicy.SKIP_CONFLICTS);
        assertEquals(List.of(), deleted.deleted());
        assertEquals(2, deleted.conflicts().size());
      } else {
        assertThrows(single.getClass(), () -> vouchers.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS));
        assertThrows(single.getClass(), () -> vouchers.deleteAll(List.of(one, two), ConflictPolicy.SKIP_CONFLICTS));
      }
      AtomicBoolean ran = new AtomicBoolean();
      RuntimeException guarded =
          assertThrows(RuntimeException.class, () -> vouchers.ifUnchanged(List.of(one), () -> ran.getAndSet(true)));
      assertTrue(guarded instanceof BatchConflictException || guarded instanceof DataAccessException,
          guarded.toString());
      assertFalse(ran.get());
      assertEquals(before, stored(dataSource, "SELECT id, note, token FROM voucher ORDER BY id"));
    } else {
      BatchResult<Voucher> result =
          vouchers.updateAll(List.of(one.withNote("batch"), two.withNote("batch")), ConflictPolicy.ABORT_ALL);
      assertEquals(2, result.updated().size());
      assertEquals(
          List.of(List.of("1", "batch", result.updated().get(0).token().toString()),
              List.of("2", "batch", result.updated().get(1).token().toString())),
          stored(dataSource, "SELECT id, note, token FROM voucher ORDER BY id"));
      assertEquals("ran", vouchers.ifUnchanged(result.updated(), () -> "ran"));
    }
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void compositeKeysAreReportedAsTheCallerSpeltThem(TestDatabase db) {
    DataSource dataSource = db.fresh("slot");
    SlotRepository slots = new SlotRepository(dataSource);
    slots.insert(new Slot("a", 1, "apples", 0));
    BatchResult<Slot> result = slots.updateAll(List.of(new Slot("A", 1, "x", 5)), ConflictPolicy.SKIP_CONFLICTS);
    CompositeKey key = (CompositeKey) result.conflicts().get(0).id();
    assertEquals("A", key.get("aisle"));
    assertEquals(Optional.of(1L), result.conflicts().get(0).actualVersion());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------ with the check switched off

  @EveryDatabase
  void uncheckedBatchesMatchRowsAsTheDatabaseDoesToo(TestDatabase db) {
    DataSource dataSource = db.fresh("tag");
    TagRepository tags = tagsNamed(dataSource, "abc", "def");
    try (OptimisticLocking.Scope off = OptimisticLocking.disable(Tag.class)) {
      BatchResult<Tag> result =
          tags.updateAll(List.of(new Tag("ABC", "unchecked", 7), new Tag("xyz", "gone", 1)),
              ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(List.of(new Tag("ABC", "unchecked", 2)), result.updated());
      assertEquals(List.of("xyz"), result.conflicts().stream().map(Conflict::id).toList());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> tags.deleteAll(List.of(new Tag("DEF", "", 1), new Tag("def", "", 1)),
                  ConflictPolicy.ABORT_ALL));
      assertEquals(
          "tags[1]: Tag[name=def] is the same row as tags[0] Tag[name=DEF] for the database; nothing"
              + " was written",
          e.getMessage());
    }
    assertEquals(List.of(List.of("def", "row def", "1"), List.of("abc", "unchecked", "2")), tags(dataSource));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------- a driver that does not count each statement

  /**
   * MariaDB Connector/J with {@code useBulkStmts=true} answers a batch with SUCCESS_NO_INFO: the
   * batch is undone and run statement by statement, so that every outcome is still the database's.
   */
  @Test
  void onMariaDbWithBulkStatementsEveryOutcomeIsStillTheDatabases() throws SQLException {
    TestDatabase db = TestDatabase.MARIADB;
    db.fresh("tag", "article");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.pool().getJdbcUrl() + "?useBulkStmts=true");
    config.setUsername(db.pool().getUsername());
    config.setPassword(db.pool().getPassword());
    config.setMaximumPoolSize(2);
    config.setPoolName("optilock-bulk-" + ProcessHandle.current().pid());
    try (HikariDataSource bulk = new HikariDataSource(config)) {
      // the premise: this driver does not count each statement of a batch
      try (Connection connection = bulk.getConnection();
          PreparedStatement statement = connection.prepareStatement("UPDATE tag SET label = ? WHERE name = ?")) {
        for (String name : List.of("abc", "def")) {
          statement.setString(1, "x");
          statement.setString(2, name);
          statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        assertEquals(Arrays.toString(new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO}),
            Arrays.toString(counts));
      }
      // keys matched as the database does, one of them stale
      TagRepository tags = tagsNamed(bulk, "abc", "def", "ghi");
      tags.update(new Tag("ghi", "theirs", 1));
      BatchResult<Tag> result =
          tags.updateAll(List.of(new Tag("GHI", "bulk", 1), new Tag("ABC", "bulk", 1), new Tag("def", "bulk", 1)),
              ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(List.of(new Tag("ABC", "bulk", 2), new Tag("def", "bulk", 2)), result.updated());
      assertEquals(List.of("GHI"), result.conflicts().stream().map(Conflict::id).toList());
      assertEquals(Optional.of(2L), result.conflicts().get(0).actualVersion());
      assertEquals(List.of(List.of("abc", "bulk", "2"), List.of("def", "bulk", "2"), List.of("ghi", "theirs", "2")),
          stored(bulk, "SELECT name, label, version FROM tag ORDER BY name"));

      ArticleRepository articles = new ArticleRepository(bulk);
      for (long id = 1; id <= 4; id++) {
        articles.insert(new Article(id, "t" + id, "", 0));
      }
      articles.update(new Article(3, "theirs", "", 1));
      BatchResult<Article> deleted =
          articles.deleteAll(
              List.of(new Article(4, "", "", 1), new Article(3, "", "", 1),
                  new Article(1, "", "", 1)),
              ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(List.of(4L, 1L), deleted.deleted().stream().map(Article::id).toList());
      assertEquals(Optional.of(2L), deleted.conflicts().get(0).actualVersion());
      assertEquals(List.of(List.of("2", "1"), List.of("3", "2")),
          stored(bulk, "SELECT id, version FROM article ORDER BY id"));
      assertEquals(0, bulk.getHikariPoolMXBean().getActiveConnections());
    }
  }
}
