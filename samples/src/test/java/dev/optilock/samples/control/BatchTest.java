package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Stored.DocumentRow;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.Page;
import dev.optilock.samples.strategies.PageRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches (issue 4, item 3): {@code updateAll} and {@code deleteAll} under both {@link
 * ConflictPolicy} values, with fresh, stale and deleted rows, asserting the database row by row.
 */
class BatchTest {

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  /**
   * Rows 1..6 at version 1; then someone else moves row 2 to version 2, row 5 to version 3 and
   * deletes row 4. Returns the caller's copies, all read at version 1 (so 2, 4 and 5 are stale).
   */
  private static List<Article> mixedArticles(ArticleRepository articles) {
    List<Article> copies = new ArrayList<>();
    for (int id = 1; id <= 6; id++) {
      copies.add(articles.insert(new Article(id, "t" + id, "b" + id, 0)));
    }
    articles.update(copies.get(1).withTitle("theirs2"));
    Article five = articles.update(copies.get(4).withTitle("theirs5"));
    articles.update(five.withTitle("theirs5 again"));
    articles.delete(copies.get(3));
    return copies;
  }

  /** The rows {@link #mixedArticles} leaves. */
  private static final List<Article> MIXED_STORED =
      List.of(
          new Article(1, "t1", "b1", 1),
          new Article(2, "theirs2", "b2", 2),
          new Article(3, "t3", "b3", 1),
          new Article(5, "theirs5 again", "b5", 3),
          new Article(6, "t6", "b6", 1));

  private static List<Article> edited(List<Article> copies, Integer... order) {
    return Arrays.stream(order)
        .map(id -> copies.get(id - 1).withTitle("edit" + id))
        .toList();
  }

  private static void assertConflict(
      Conflict<Article> conflict, long id, long expected, Optional<Long> actual, Article target) {
    assertEquals(id, conflict.id(), "id");
    assertEquals(expected, conflict.expectedVersion(), "expected version of " + id);
    assertEquals(actual.map(v -> (Object) v), conflict.actualVersion(), "actual version of " + id);
    assertEquals(actual.isEmpty(), conflict.deleted());
    assertSame(target, conflict.target(), "the caller's object of " + id);
  }

  // ------------------------------------------------------------------------------ updateAll

  @EveryDatabase
  void abortAllListsEveryConflictInInputOrderAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = edited(copies, 5, 1, 4, 2, 6, 3);

    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> articles.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(Article.class, e.entityType());
    List<Conflict<Article>> conflicts = e.conflicts(Article.class);
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), 5, 1, Optional.of(3L), batch.get(0));
    assertConflict(conflicts.get(1), 4, 1, Optional.empty(), batch.get(2));
    assertConflict(conflicts.get(2), 2, 1, Optional.of(2L), batch.get(3));
    assertTrue(e.getMessage().startsWith("3 of 6 Article rows changed"), e.getMessage());

    // nothing written, not even rows 1, 3 and 6, which would have been fine
    assertEquals(MIXED_STORED, articles.findAll());
    assertEquals(
        Map.of(1L, 1L, 2L, 2L, 3L, 1L, 5L, 3L, 6L, 1L), Stored.versions(dataSource, "article"));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void abortAllWithStaleButNoDeletedRows(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = edited(copies, 1, 2, 3, 5);
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> articles.updateAll(batch, ConflictPolicy.ABORT_ALL));
    List<Conflict<Article>> conflicts = e.conflicts(Article.class);
    assertEquals(2, conflicts.size());
    assertConflict(conflicts.get(0), 2, 1, Optional.of(2L), batch.get(1));
    assertConflict(conflicts.get(1), 5, 1, Optional.of(3L), batch.get(3));
    assertEquals(MIXED_STORED, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void abortAllWithOnlyADeletedRowWritesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = edited(copies, 1, 3, 4, 6);
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> articles.updateAll(batch, ConflictPolicy.ABORT_ALL));
    List<Conflict<Article>> conflicts = e.conflicts(Article.class);
    assertEquals(1, conflicts.size());
    assertConflict(conflicts.get(0), 4, 1, Optional.empty(), batch.get(2));
    assertEquals(MIXED_STORED, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void skipConflictsWritesExactlyTheFreshRowsAndReportsEveryConflict(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = edited(copies, 6, 5, 1, 4, 2, 3);

    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(
            new Article(6, "edit6", "b6", 2),
            new Article(1, "edit1", "b1", 2),
            new Article(3, "edit3", "b3", 2)),
        result.updated());
    assertTrue(result.hasConflicts());
    List<Conflict<Article>> conflicts = result.conflicts();
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), 5, 1, Optional.of(3L), batch.get(1));
    assertConflict(conflicts.get(1), 4, 1, Optional.empty(), batch.get(3));
    assertConflict(conflicts.get(2), 2, 1, Optional.of(2L), batch.get(4));

    assertEquals(
        List.of(
            new Article(1, "edit1", "b1", 2),
            new Article(2, "theirs2", "b2", 2),
            new Article(3, "edit3", "b3", 2),
            new Article(5, "theirs5 again", "b5", 3),
            new Article(6, "edit6", "b6", 2)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void skipConflictsWhereEveryRowConflictsWritesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = edited(copies, 2, 4, 5);
    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(), result.updated());
    assertEquals(List.of(2L, 4L, 5L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(MIXED_STORED, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void allFreshBatchUnderEitherPolicyWritesEveryRow(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> fresh = articles.findAll();
    BatchResult<Article> first =
        articles.updateAll(
            fresh.stream().map(a -> a.withTitle(a.title() + "!")).toList(), ConflictPolicy.ABORT_ALL);
    assertFalse(first.hasConflicts());
    List<Article> expected =
        fresh.stream()
            .map(a -> new Article(a.id(), a.title() + "!", a.body(), a.version() + 1))
            .toList();
    assertEquals(expected, first.updated());
    assertEquals(expected, articles.findAll());
    BatchResult<Article> second =
        articles.updateAll(
            first.updated().stream().map(a -> a.withTitle(a.title() + "?")).toList(),
            ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        expected.stream()
            .map(a -> new Article(a.id(), a.title() + "?", a.body(), a.version() + 1))
            .toList(),
        articles.findAll());
    assertEquals(second.updated(), articles.findAll());
    assertEquals(6, copies.size());
    assertEquals(0, db.activeConnections());
  }

  // ----------------------------------------------------------------------- class entities

  @EveryDatabase
  void abortAllLeavesTheDocumentsPassedInAsTheyWere(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    UUID id3 = new UUID(0, 3);
    UUID id4 = new UUID(0, 4);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document d3 = documents.insert(Document.of(id3, "three", CREATED));
    Document d4 = documents.insert(Document.of(id4, "four", CREATED));
    Document theirs = Stored.copy(documents, id2);
    theirs.setTitle("theirs");
    documents.update(theirs);
    documents.delete(Stored.copy(documents, id4));
    for (Document d : List.of(d1, d2, d3, d4)) {
      d.setTitle("mine " + d.getTitle());
    }

    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> documents.updateAll(List.of(d1, d2, d3, d4), ConflictPolicy.ABORT_ALL));
    List<Conflict<Document>> conflicts = e.conflicts(Document.class);
    assertEquals(List.of(id2, id4), conflicts.stream().map(Conflict::id).toList());
    assertEquals(1, conflicts.get(0).expectedVersion());
    assertEquals(Optional.of(2), conflicts.get(0).actualVersion());
    assertSame(d2, conflicts.get(0).target());
    assertTrue(conflicts.get(1).deleted());
    assertSame(d4, conflicts.get(1).target());

    for (Document d : List.of(d1, d2, d3, d4)) {
      assertEquals(1, d.getVersion(), "version of " + d);
      assertTrue(d.getTitle().startsWith("mine "), "title of " + d);
    }
    assertEquals(
        Stored.rows(
            DocumentRow.of(id1, 1, "one", CREATED),
            DocumentRow.of(id2, 2, "theirs", CREATED),
            DocumentRow.of(id3, 1, "three", CREATED)),
        Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void skipConflictsSetsTheVersionsOfTheWrittenDocumentsOnly(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    UUID id3 = new UUID(0, 3);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document d3 = documents.insert(Document.of(id3, "three", CREATED));
    Document theirs = Stored.copy(documents, id2);
    theirs.setTitle("theirs");
    documents.update(theirs);
    d1.setTitle("mine 1");
    d2.setTitle("mine 2");
    d3.setTitle("mine 3");

    BatchResult<Document> result =
        documents.updateAll(List.of(d3, d2, d1), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(2, result.updated().size());
    assertSame(d3, result.updated().get(0));
    assertSame(d1, result.updated().get(1));
    assertEquals(2, d1.getVersion());
    assertEquals(2, d3.getVersion());
    assertEquals(1, d2.getVersion(), "the conflicting document keeps its version");
    assertEquals(1, result.conflicts().size());
    Conflict<Document> conflict = result.conflicts().get(0);
    assertEquals(id2, conflict.id());
    assertEquals(1, conflict.expectedVersion());
    assertEquals(Optional.of(2), conflict.actualVersion());
    assertSame(d2, conflict.target());
    assertEquals(
        Stored.rows(
            DocumentRow.of(id1, 2, "mine 1", CREATED),
            DocumentRow.of(id2, 2, "theirs", CREATED),
            DocumentRow.of(id3, 2, "mine 3", CREATED)),
        Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  // -------------------------------------------------------------------------------- scale

  private static List<Article> insertMany(DataSource dataSource, ArticleRepository articles, int n) {
    return Transactions.call(
        dataSource,
        () -> {
          List<Article> stored = new ArrayList<>(n);
          for (int id = 1; id <= n; id++) {
            stored.add(articles.insert(new Article(id, "t" + id, "b", 0)));
          }
          return stored;
        });
  }

  @EveryDatabase
  void aThousandFreshRowsAreWrittenInOneBatch(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stored = insertMany(dataSource, articles, 1000);
    List<Article> edits = stored.stream().map(a -> a.withTitle("edited " + a.id())).toList();

    long start = System.nanoTime();
    BatchResult<Article> result = articles.updateAll(edits, ConflictPolicy.ABORT_ALL);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("[BatchTest] updateAll of 1000 fresh rows on " + db + ": " + millis + " ms");

    assertFalse(result.hasConflicts());
    List<Article> expected =
        stored.stream().map(a -> new Article(a.id(), "edited " + a.id(), "b", 2)).toList();
    assertEquals(expected, result.updated());
    assertEquals(expected, articles.findAll());
    assertTrue(millis < 20_000, "updateAll of 1000 rows took " + millis + " ms");

    start = System.nanoTime();
    BatchResult<Article> deleted = articles.deleteAll(result.updated(), ConflictPolicy.ABORT_ALL);
    millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("[BatchTest] deleteAll of 1000 fresh rows on " + db + ": " + millis + " ms");
    assertEquals(1000, deleted.deleted().size());
    assertEquals(List.of(), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void conflictsAmongAThousandRowsAreIdentifiedExactly(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stored = insertMany(dataSource, articles, 1000);
    // at both ends and on both sides of every 500-id boundary
    Set<Long> changed = Set.of(1L, 499L, 500L, 501L, 1000L);
    Set<Long> deleted = Set.of(250L, 750L);
    for (Article a : stored) {
      if (changed.contains(a.id())) {
        articles.update(a.withTitle("theirs"));
      } else if (deleted.contains(a.id())) {
        articles.delete(a);
      }
    }
    List<Article> edits = stored.stream().map(a -> a.withTitle("mine")).toList();
    List<Long> conflictIds = List.of(1L, 250L, 499L, 500L, 501L, 750L, 1000L);

    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> articles.updateAll(edits, ConflictPolicy.ABORT_ALL));
    assertEquals(conflictIds, e.conflicts().stream().map(Conflict::id).toList());
    assertTrue(articles.findAll().stream().noneMatch(a -> a.title().equals("mine")));

    BatchResult<Article> result = articles.updateAll(edits, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(conflictIds, result.conflicts().stream().map(Conflict::id).toList());
    for (Conflict<Article> c : result.conflicts()) {
      long id = (Long) c.id();
      assertEquals(
          deleted.contains(id) ? Optional.empty() : Optional.of(2L), c.actualVersion(), "row " + id);
      assertEquals(1L, c.expectedVersion());
    }
    assertEquals(993, result.updated().size());
    List<Article> rows = articles.findAll();
    assertEquals(998, rows.size());
    for (Article row : rows) {
      if (changed.contains(row.id())) {
        assertEquals(new Article(row.id(), "theirs", "b", 2), row);
      } else {
        assertEquals(new Article(row.id(), "mine", "b", 2), row);
      }
    }
    assertEquals(0, db.activeConnections());
  }

  // ---------------------------------------------------------------------------- edge cases

  @EveryDatabase
  void anEmptyCollectionIsAnEmptyResult(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article stored = articles.insert(new Article(1, "t", "b", 0));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      BatchResult<Article> updated = articles.updateAll(List.of(), policy);
      assertEquals(List.of(), updated.updated());
      assertEquals(List.of(), updated.conflicts());
      BatchResult<Article> deleted = articles.deleteAll(Set.of(), policy);
      assertEquals(List.of(), deleted.deleted());
      assertFalse(deleted.hasConflicts());
    }
    assertEquals(List.of(stored), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aNullElementIsRefusedByIndexAndNothingIsWritten(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article a = articles.insert(new Article(1, "a", "", 0));
    Article b = articles.insert(new Article(2, "b", "", 0));
    List<Article> withNull = Arrays.asList(a.withTitle("x"), b.withTitle("y"), null);
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> articles.updateAll(withNull, policy));
      assertTrue(e.getMessage().contains("[2]"), e.getMessage());
      NullPointerException d =
          assertThrows(NullPointerException.class, () -> articles.deleteAll(withNull, policy));
      assertTrue(d.getMessage().contains("[2]"), d.getMessage());
    }
    assertEquals(
        "policy",
        assertThrows(NullPointerException.class, () -> articles.updateAll(List.of(a), null))
            .getMessage());
    assertThrows(NullPointerException.class, () -> articles.updateAll(null, ConflictPolicy.ABORT_ALL));
    assertEquals(List.of(a, b), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anUnsavedEntityOrADuplicateIdIsRefusedAndNothingIsWritten(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article a = articles.insert(new Article(1, "a", "", 0));
    Article b = articles.insert(new Article(2, "b", "", 0));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      IllegalArgumentException unsaved =
          assertThrows(
              IllegalArgumentException.class,
              () -> articles.updateAll(
                  List.of(a.withTitle("x"), new Article(3, "new", "", 0)), policy));
      assertTrue(unsaved.getMessage().contains("never saved"), unsaved.getMessage());
      assertTrue(unsaved.getMessage().contains("[1]"), unsaved.getMessage());
      IllegalArgumentException duplicate =
          assertThrows(
              IllegalArgumentException.class,
              () -> articles.updateAll(List.of(a.withTitle("x"), b, a.withTitle("y")), policy));
      assertTrue(duplicate.getMessage().contains("more than once"), duplicate.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> articles.deleteAll(List.of(a, new Article(2, "b", "", 0)), policy));
      assertThrows(IllegalArgumentException.class, () -> articles.deleteAll(List.of(a, b, a), policy));
    }
    assertEquals(List.of(a, b), articles.findAll());

    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    Document saved = documents.insert(Document.of(new UUID(0, 1), "saved", CREATED));
    saved.setTitle("edited");
    Document unsaved = Document.of(new UUID(0, 2), "never saved", CREATED);
    assertThrows(
        IllegalArgumentException.class,
        () -> documents.updateAll(List.of(saved, unsaved), ConflictPolicy.SKIP_CONFLICTS));
    assertEquals(1, saved.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(new UUID(0, 1), 1, "saved", CREATED)), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  /**
   * Of several problems, the first in input order is the one reported, whatever the order of the
   * keys: whole-number keys find their repeats by sorting, not with a hash set, and must still name
   * the position a reader counts to first.
   */
  @EveryDatabase
  void theFirstProblemInInputOrderIsReported(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> saved = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      saved.add(articles.insert(new Article(id, "t" + id, "", 0)));
    }
    Article one = saved.get(0);
    Article two = saved.get(1);
    Article three = saved.get(2);
    Article five = saved.get(4);
    // unsorted keys; 3 repeats at [3], 5 at [4], then a null
    assertRefused(IllegalArgumentException.class, "articles[3]: Article[id=3] appears more than once",
        () -> articles.updateAll(Arrays.asList(five, three, one, three, five, null),
            ConflictPolicy.SKIP_CONFLICTS));
    // sorted keys; the repeat of 2 at [2] comes before the never-saved entity at [3]
    assertRefused(IllegalArgumentException.class, "articles[2]: Article[id=2] appears more than once",
        () -> articles.updateAll(List.of(one, two, two, new Article(9, "", "", 0)),
            ConflictPolicy.ABORT_ALL));
    // the never-saved entity at [1] comes before the repeat at [2]
    assertRefused(IllegalArgumentException.class, "articles[1] Article[id=9] has version 0",
        () -> articles.deleteAll(List.of(one, new Article(9, "", "", 0), one),
            ConflictPolicy.ABORT_ALL));
    // the null at [1] comes before the repeat at [2]
    assertRefused(NullPointerException.class, "articles[1] is null",
        () -> articles.updateAll(Arrays.asList(two, null, two), ConflictPolicy.SKIP_CONFLICTS));
    assertEquals(saved, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  private static void assertRefused(
      Class<? extends RuntimeException> type, String start, org.junit.jupiter.api.function.Executable call) {
    RuntimeException e = assertThrows(type, call);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  // ------------------------------------------------------------------ inside a transaction

  @EveryDatabase
  void insideATransactionAbortAllUndoesOnlyTheBatchsOwnWrites(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> copies = mixedArticles(articles);
    Transactions.run(
        dataSource,
        () -> {
          articles.insert(new Article(10, "outer, before", "", 0));
          articles.update(copies.get(5).withTitle("outer edit of 6"));
          BatchConflictException e =
              assertThrows(
                  BatchConflictException.class,
                  () -> articles.updateAll(edited(copies, 1, 2, 3), ConflictPolicy.ABORT_ALL));
          assertEquals(List.of(2L), e.conflicts().stream().map(Conflict::id).toList());
          // the batch's writes of rows 1 and 3 are undone already, inside the transaction
          assertEquals("t1", articles.findById(1).orElseThrow().title());
          assertEquals("t3", articles.findById(3).orElseThrow().title());
          assertEquals("outer, before", articles.findById(10).orElseThrow().title());
          articles.insert(new Article(11, "outer, after", "", 0));
        });
    assertEquals(
        List.of(
            new Article(1, "t1", "b1", 1),
            new Article(2, "theirs2", "b2", 2),
            new Article(3, "t3", "b3", 1),
            new Article(5, "theirs5 again", "b5", 3),
            new Article(6, "outer edit of 6", "b6", 2),
            new Article(10, "outer, before", "", 1),
            new Article(11, "outer, after", "", 1)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideATransactionSkipConflictsCommitsOrRollsBackWithTheTransaction(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> copies = mixedArticles(articles);
    IllegalStateException boom = new IllegalStateException("outer fails after the batch");
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () ->
                Transactions.run(
                    dataSource,
                    () -> {
                      BatchResult<Article> r =
                          articles.updateAll(edited(copies, 1, 2), ConflictPolicy.SKIP_CONFLICTS);
                      assertEquals(1, r.updated().size());
                      throw boom;
                    })));
    assertEquals(MIXED_STORED, articles.findAll());

    Transactions.run(
        dataSource,
        () -> {
          articles.updateAll(edited(copies, 1, 2, 3), ConflictPolicy.SKIP_CONFLICTS);
          articles.insert(new Article(10, "outer", "", 0));
        });
    assertEquals(
        List.of(
            new Article(1, "edit1", "b1", 2),
            new Article(2, "theirs2", "b2", 2),
            new Article(3, "edit3", "b3", 2),
            new Article(5, "theirs5 again", "b5", 3),
            new Article(6, "t6", "b6", 1),
            new Article(10, "outer", "", 1)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  /**
   * A conflict found by a batch inside a transaction reports the row that caused it, not the
   * transaction's snapshot: on MariaDB (REPEATABLE READ by default) the batch no longer locks and
   * reads its rows before writing, and its failure path reads the conflicting rows with a locking
   * read, which sees the latest committed row. With a plain read there, the conflict said
   * "expected version 1, found 1" and the batch was refused as a version representation problem.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void aConflictInsideATransactionReportsTheLatestCommittedVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    for (int id = 1; id <= 3; id++) {
      articles.insert(new Article(id, "t" + id, "b" + id, 0));
    }
    List<Article> mine = new ArrayList<>();
    BatchResult<Article> result = Transactions.call(dataSource, () -> {
      List<Article> read = articles.findAll();   // the transaction's snapshot starts here
      plainUpdate(dataSource, "UPDATE article SET title = 'theirs', version = 2 WHERE id = 2");
      read.forEach(a -> mine.add(a.withTitle("mine" + a.id())));
      return articles.updateAll(mine, ConflictPolicy.SKIP_CONFLICTS);
    });
    assertEquals(List.of(1L, 3L), result.updated().stream().map(Article::id).toList());
    assertEquals(1, result.conflicts().size());
    assertConflict(result.conflicts().get(0), 2, 1, Optional.of(2L), mine.get(1));
    assertEquals(
        List.of(
            new Article(1, "mine1", "b1", 2),
            new Article(2, "theirs", "b2", 2),
            new Article(3, "mine3", "b3", 2)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------- database-assigned versions

  private static long plainUpdate(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @EveryDatabase
  void aBatchOfTriggerVersionedRowsReturnsTheVersionsTheDatabaseAssigned(TestDatabase db) {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    for (int id = 1; id <= 5; id++) {
      counters.insert(new Counter(id, "c" + id, 0, 0));
    }
    // rows at different versions: 1 at 1, 2 at 3, 3 at 2, 4 at 1, 5 at 1
    Counter two = counters.findById(2).orElseThrow();
    counters.update(counters.update(two.withLabel("x")).withLabel("c2"));
    List<Counter> loaded = counters.findAll();
    // another client bumps row 4 behind the application's back: the trigger moves it to 2
    plainUpdate(dataSource, "UPDATE counter SET hits = hits + 1 WHERE id = 4");
    plainUpdate(dataSource, "UPDATE counter SET hits = hits + 1 WHERE id = 3");
    plainUpdate(dataSource, "UPDATE counter SET hits = hits - 1 WHERE id = 3");
    Map<Long, Long> before = Stored.versions(dataSource, "counter");
    assertEquals(Map.of(1L, 1L, 2L, 3L, 3L, 3L, 4L, 2L, 5L, 1L), before);
    List<Counter> fresh = counters.findAll();

    // rows 1, 2, 5 from the first load are fresh; 3 and 4 are stale
    List<Counter> batch =
        loaded.stream().map(c -> new Counter(c.id(), c.label() + "!", c.hits() + 10, c.version()))
            .toList();
    BatchResult<Counter> result = counters.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(
            new Counter(1, "c1!", 10, 2),
            new Counter(2, "c2!", 10, 4),
            new Counter(5, "c5!", 10, 2)),
        result.updated());
    assertEquals(List.of(3L, 4L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Optional.of(3L), result.conflicts().get(0).actualVersion());
    assertEquals(Optional.of(2L), result.conflicts().get(1).actualVersion());
    assertEquals(
        Map.of(1L, 2L, 2L, 4L, 3L, 3L, 4L, 2L, 5L, 2L), Stored.versions(dataSource, "counter"));
    List<Counter> rows = counters.findAll();
    assertEquals(result.updated().get(0), rows.get(0));
    assertEquals(result.updated().get(1), rows.get(1));
    assertEquals(fresh.get(2), rows.get(2));
    assertEquals(fresh.get(3), rows.get(3));
    assertEquals(result.updated().get(2), rows.get(4));

    // an all-fresh ABORT_ALL batch: every version read back from the database
    BatchResult<Counter> all =
        counters.updateAll(
            rows.stream().map(c -> c.withLabel(c.label() + "?")).toList(), ConflictPolicy.ABORT_ALL);
    assertEquals(counters.findAll(), all.updated());
    assertEquals(
        Map.of(1L, 3L, 2L, 5L, 3L, 4L, 4L, 3L, 5L, 3L), Stored.versions(dataSource, "counter"));

    // and an ABORT_ALL batch with a stale row leaves every version where it was
    assertThrows(
        BatchConflictException.class,
        () -> counters.updateAll(List.of(rows.get(0).withLabel("late"), all.updated().get(1)),
            ConflictPolicy.ABORT_ALL));
    assertEquals(all.updated(), counters.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aBatchOfConditionalRowsReturnsTheVersionOfEachRow(TestDatabase db) {
    DataSource dataSource = db.fresh("page");
    PageRepository pages = new PageRepository(dataSource);
    for (int id = 1; id <= 5; id++) {
      pages.insert(new Page(id, "title" + id, "body" + id, 0));
    }
    Page four = pages.update(pages.findById(4).orElseThrow().with("title4b", "body4")); // v2
    Page five = pages.findById(5).orElseThrow();
    pages.update(five.with("theirs", "body5")); // v2: the v1 copy is stale
    List<Page> batch =
        List.of(
            new Page(1, "new title", "body1", 1), // title changes: 2
            new Page(2, "title2", "new body", 1), // body only: stays 1
            new Page(3, "title3", "body3", 1), // nothing changes: stays 1
            four.with("title4c", "new body"), // title changes: 3
            five.with("mine", "body5")); // stale: conflict
    BatchResult<Page> result = pages.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(
            new Page(1, "new title", "body1", 2),
            new Page(2, "title2", "new body", 1),
            new Page(3, "title3", "body3", 1),
            new Page(4, "title4c", "new body", 3)),
        result.updated());
    assertEquals(List.of(5L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Optional.of(2L), result.conflicts().get(0).actualVersion());
    assertEquals(
        List.of(
            new Page(1, "new title", "body1", 2),
            new Page(2, "title2", "new body", 1),
            new Page(3, "title3", "body3", 1),
            new Page(4, "title4c", "new body", 3),
            new Page(5, "theirs", "body5", 2)),
        pages.findAll());

    // ABORT_ALL, all fresh: body-only rows keep their version, retitled ones move
    List<Page> current = pages.findAll();
    BatchResult<Page> all =
        pages.updateAll(
            List.of(current.get(0).with("new title", "b"), current.get(1).with("t2", "new body"),
                current.get(4).with("theirs", "b5")),
            ConflictPolicy.ABORT_ALL);
    assertEquals(
        List.of(new Page(1, "new title", "b", 2), new Page(2, "t2", "new body", 2),
            new Page(5, "theirs", "b5", 2)),
        all.updated());
    assertEquals(Map.of(1L, 2L, 2L, 2L, 3L, 1L, 4L, 3L, 5L, 2L), Stored.versions(dataSource, "page"));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ deleteAll

  @EveryDatabase
  void deleteAllAbortAllWithStaleAndDeletedRowsDeletesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = List.of(copies.get(0), copies.get(1), copies.get(2), copies.get(3), copies.get(4));
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class, () -> articles.deleteAll(batch, ConflictPolicy.ABORT_ALL));
    List<Conflict<Article>> conflicts = e.conflicts(Article.class);
    assertEquals(3, conflicts.size());
    assertConflict(conflicts.get(0), 2, 1, Optional.of(2L), batch.get(1));
    assertConflict(conflicts.get(1), 4, 1, Optional.empty(), batch.get(3));
    assertConflict(conflicts.get(2), 5, 1, Optional.of(3L), batch.get(4));
    assertEquals(MIXED_STORED, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteAllSkipConflictsDeletesExactlyTheFreshRows(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> copies = mixedArticles(articles);
    List<Article> batch = List.of(copies.get(4), copies.get(3), copies.get(2), copies.get(1), copies.get(0));
    BatchResult<Article> result = articles.deleteAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(copies.get(2), copies.get(0)), result.deleted());
    List<Conflict<Article>> conflicts = result.conflicts();
    assertEquals(3, conflicts.size());
    assertConflict(conflicts.get(0), 5, 1, Optional.of(3L), batch.get(0));
    assertConflict(conflicts.get(1), 4, 1, Optional.empty(), batch.get(1));
    assertConflict(conflicts.get(2), 2, 1, Optional.of(2L), batch.get(3));
    assertEquals(
        List.of(
            new Article(2, "theirs2", "b2", 2),
            new Article(5, "theirs5 again", "b5", 3),
            new Article(6, "t6", "b6", 1)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteAllOfDocumentsLeavesTheirVersionsAlone(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document theirs = Stored.copy(documents, id2);
    theirs.setTitle("theirs");
    documents.update(theirs);
    assertThrows(
        BatchConflictException.class,
        () -> documents.deleteAll(List.of(d1, d2), ConflictPolicy.ABORT_ALL));
    assertEquals(
        Stored.rows(DocumentRow.of(id1, 1, "one", CREATED), DocumentRow.of(id2, 2, "theirs", CREATED)),
        Stored.documents(db));
    BatchResult<Document> result = documents.deleteAll(List.of(d1, d2), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(1, result.deleted().size());
    assertSame(d1, result.deleted().get(0));
    assertEquals(1, d1.getVersion());
    assertEquals(1, d2.getVersion());
    assertSame(d2, result.conflicts().get(0).target());
    assertEquals(
        Stored.rows(DocumentRow.of(id2, 2, "theirs", CREATED)), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }
}
