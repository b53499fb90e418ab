package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Stored.DocumentRow;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.strategies.Page;
import dev.optilock.samples.strategies.PageRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * Scoped switches (issue 4, item 2): {@code OptimisticLocking.disable(...)} turns the check off for
 * the current thread only, for the scope's lifetime; scopes nest and restore.
 */
class OptimisticLockingTest {

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void everythingChecksAgainAfterEachTest() throws InterruptedException {
    otherThread.shutdownNow();
    assertTrue(otherThread.awaitTermination(30, TimeUnit.SECONDS));
    // a scope leaked by a test would poison the tests after it on this thread
    assertTrue(OptimisticLocking.isChecking(Article.class), "a scope was left open");
    assertTrue(OptimisticLocking.isChecking(Page.class), "a scope was left open");
  }

  /** Two articles, each moved on to version 2 by "someone else"; returns the stale v1 copies. */
  private static List<Article> staleArticles(ArticleRepository articles, int count) {
    List<Article> stale = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      Article v1 = articles.insert(new Article(id, "t" + id, "b" + id, 0));
      articles.update(v1.withTitle("theirs" + id));
      stale.add(v1);
    }
    return stale;
  }

  @EveryDatabase
  void insideDisableStaleUpdateTryUpdateDeleteAndSaveSucceedAndVersionsStillMove(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stale = staleArticles(articles, 4);

    Article updated;
    Optional<Article> tried;
    Article saved;
    try (var off = OptimisticLocking.disable()) {
      assertFalse(OptimisticLocking.isChecking(Article.class));
      updated = articles.update(stale.get(0).withTitle("by update"));
      tried = articles.tryUpdate(stale.get(1).withTitle("by tryUpdate"));
      saved = articles.save(stale.get(2).withTitle("by save"));
      articles.delete(stale.get(3));
    }
    assertTrue(OptimisticLocking.isChecking(Article.class));
    assertEquals(new Article(1, "by update", "b1", 3), updated);
    assertEquals(Optional.of(new Article(2, "by tryUpdate", "b2", 3)), tried);
    assertEquals(new Article(3, "by save", "b3", 3), saved);
    List<Article> expected = List.of(updated, tried.orElseThrow(), saved);
    assertEquals(expected, articles.findAll());
    assertEquals(Map.of(1L, 3L, 2L, 3L, 3L, 3L), Stored.versions(dataSource, "article"));

    // after the scope the check is back, and the copies read before are still stale
    assertThrows(RecordModifiedException.class, () -> articles.update(stale.get(0).withTitle("x")));
    assertEquals(Optional.empty(), articles.tryUpdate(stale.get(1).withTitle("x")));
    assertThrows(RecordModifiedException.class, () -> articles.save(stale.get(2).withTitle("x")));
    assertEquals(expected, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableTryUpdateOfADeletedRowIsEmptyNotAnException(TestDatabase db) {
    // tryUpdate's contract: "the same as update, but empty instead of the exception"; the switch
    // only drops the version check, so a row that is gone is still an empty result.
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article gone = articles.insert(new Article(1, "t", "b", 0));
    Article kept = articles.insert(new Article(2, "kept", "b", 0));
    articles.delete(gone);
    Optional<Article> result;
    try (var off = OptimisticLocking.disable()) {
      result = articles.tryUpdate(gone.withTitle("x"));
    }
    assertEquals(Optional.empty(), result);
    assertEquals(List.of(kept), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void disableForOneTypeLeavesOtherTypesChecked(TestDatabase db) {
    DataSource dataSource = db.fresh("article", "page", "document");
    ArticleRepository articles = new ArticleRepository(dataSource);
    PageRepository pages = new PageRepository(dataSource);
    DocumentRepository documents = new DocumentRepository(dataSource);
    Article staleArticle = staleArticles(articles, 1).get(0);
    Page stalePage = pages.insert(new Page(1, "page", "body", 0));
    Page theirsPage = pages.update(stalePage.with("their page", "body"));
    UUID docId = UUID.randomUUID();
    Document staleDoc = documents.insert(Document.of(docId, "doc", CREATED));
    Document theirsDoc = Stored.copy(documents, docId);
    theirsDoc.setTitle("their doc");
    documents.update(theirsDoc);

    Article forced;
    try (var off = OptimisticLocking.disable(Article.class)) {
      assertFalse(OptimisticLocking.isChecking(Article.class));
      assertTrue(OptimisticLocking.isChecking(Page.class));
      assertTrue(OptimisticLocking.isChecking(Document.class));
      forced = articles.update(staleArticle.withTitle("forced"));
      assertThrows(
          RecordModifiedException.class, () -> pages.update(stalePage.with("mine", "mine")));
      assertEquals(Optional.empty(), pages.tryUpdate(stalePage.with("mine", "mine")));
      assertThrows(RecordModifiedException.class, () -> pages.delete(stalePage));
      staleDoc.setTitle("mine");
      assertThrows(RecordModifiedException.class, () -> documents.update(staleDoc));
      assertThrows(RecordModifiedException.class, () -> documents.delete(staleDoc));
      BatchConflictException batch =
          assertThrows(
              BatchConflictException.class,
              () -> pages.updateAll(List.of(stalePage.with("mine", "x")), ConflictPolicy.ABORT_ALL));
      assertEquals(1, batch.conflicts().size());
    }
    assertEquals(new Article(1, "forced", "b1", 3), forced);
    assertEquals(List.of(forced), articles.findAll());
    assertEquals(List.of(theirsPage), pages.findAll());
    assertEquals(1, staleDoc.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(docId, 2, "their doc", CREATED)), Stored.documents(db));

    // two types at once; the third stays checked
    Page forcedPage;
    try (var off = OptimisticLocking.disable(Article.class, Page.class)) {
      forcedPage = pages.update(stalePage.with("forced page", "fb"));
      assertThrows(RecordModifiedException.class, () -> documents.update(staleDoc));
    }
    assertEquals(List.of(forcedPage), pages.findAll());
    assertEquals(3, forcedPage.version());
    assertEquals(
        Stored.rows(DocumentRow.of(docId, 2, "their doc", CREATED)), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void scopesNestAndClosingOneRestoresTheOneOutsideIt(TestDatabase db) {
    DataSource dataSource = db.fresh("article", "page");
    ArticleRepository articles = new ArticleRepository(dataSource);
    PageRepository pages = new PageRepository(dataSource);
    Article a1 = articles.insert(new Article(1, "a", "", 0));
    Page p1 = pages.insert(new Page(1, "p", "", 0));
    Article a2 = articles.update(a1.withTitle("a2"));
    Page p2 = pages.update(p1.with("p2", ""));

    // outer disable() for all, inner disable(Article.class)
    try (var all = OptimisticLocking.disable()) {
      try (var onlyArticles = OptimisticLocking.disable(Article.class)) {
        assertFalse(OptimisticLocking.isChecking(Article.class));
        assertFalse(OptimisticLocking.isChecking(Page.class));
        assertEquals(3, articles.update(a1.withTitle("inner")).version());
      }
      // the outer scope still applies to every type
      assertFalse(OptimisticLocking.isChecking(Article.class));
      assertFalse(OptimisticLocking.isChecking(Page.class));
      assertEquals(3, pages.update(p1.with("outer", "")).version());
      assertEquals(4, articles.update(a1.withTitle("outer")).version());
    }
    assertTrue(OptimisticLocking.isChecking(Article.class));
    assertTrue(OptimisticLocking.isChecking(Page.class));
    assertThrows(RecordModifiedException.class, () -> articles.update(a2.withTitle("x")));
    assertThrows(RecordModifiedException.class, () -> pages.update(p2.with("x", "")));
    assertEquals(List.of(new Article(1, "outer", "", 4)), articles.findAll());
    assertEquals(List.of(new Page(1, "outer", "", 3)), pages.findAll());

    // outer disable(Page.class), inner disable(Article.class): closing the inner one turns the
    // check back on for articles only
    try (var onlyPages = OptimisticLocking.disable(Page.class)) {
      try (var onlyArticles = OptimisticLocking.disable(Article.class)) {
        assertFalse(OptimisticLocking.isChecking(Article.class));
        assertFalse(OptimisticLocking.isChecking(Page.class));
      }
      assertTrue(OptimisticLocking.isChecking(Article.class));
      assertFalse(OptimisticLocking.isChecking(Page.class));
      assertThrows(RecordModifiedException.class, () -> articles.update(a2.withTitle("y")));
      assertEquals(4, pages.update(p2.with("pages only", "")).version());
    }
    assertTrue(OptimisticLocking.isChecking(Page.class));
    assertEquals(List.of(new Article(1, "outer", "", 4)), articles.findAll());
    assertEquals(List.of(new Page(1, "pages only", "", 4)), pages.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void closingScopesOutOfOrderThrowsAndChangesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article stale = staleArticles(articles, 1).get(0);
    OptimisticLocking.Scope outer = OptimisticLocking.disable();
    OptimisticLocking.Scope inner = OptimisticLocking.disable(Article.class);
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertTrue(e.getMessage().contains("reverse order"), e.getMessage());
      // both scopes are still in force
      assertFalse(OptimisticLocking.isChecking(Page.class));
      assertFalse(OptimisticLocking.isChecking(Article.class));
      inner.close();
      assertFalse(OptimisticLocking.isChecking(Page.class), "the outer scope still applies");
      assertEquals(3, articles.update(stale.withTitle("outer")).version());
      outer.close();
      outer.close(); // closing twice does nothing
      inner.close();
    } finally {
      inner.close();
      outer.close();
    }
    assertTrue(OptimisticLocking.isChecking(Article.class));
    assertThrows(RecordModifiedException.class, () -> articles.update(stale.withTitle("again")));
    assertEquals(List.of(new Article(1, "outer", "b1", 3)), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void closingAScopeFromAnotherThreadThrowsAndTheScopeStaysOpen(TestDatabase db)
      throws Exception {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article stale = staleArticles(articles, 2).get(0);
    OptimisticLocking.Scope scope = OptimisticLocking.disable();
    try {
      Future<Throwable> closing =
          otherThread.submit(
              () -> {
                try {
                  scope.close();
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      Throwable thrown = closing.get(30, TimeUnit.SECONDS);
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
      assertTrue(e.getMessage().contains("thread"), e.getMessage());
      assertFalse(OptimisticLocking.isChecking(Article.class), "the scope must still be open");
      assertEquals(3, articles.update(stale.withTitle("still unchecked")).version());
    } finally {
      scope.close();
    }
    assertTrue(OptimisticLocking.isChecking(Article.class));
    assertEquals("still unchecked", articles.findById(1).orElseThrow().title());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anotherThreadKeepsCheckingWhileThisThreadIsInsideAScope(TestDatabase db) throws Exception {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stale = staleArticles(articles, 2);
    Article staleOne = stale.get(0);
    Article staleTwo = stale.get(1);

    Article mine;
    try (var off = OptimisticLocking.disable()) {
      Future<Throwable> theirs =
          otherThread.submit(
              () -> {
                assertTrue(OptimisticLocking.isChecking(Article.class));
                try {
                  articles.update(staleTwo.withTitle("other thread, stale"));
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      // waited for while the scope is open on this thread
      RecordModifiedException e =
          assertInstanceOf(RecordModifiedException.class, theirs.get(30, TimeUnit.SECONDS));
      assertEquals(2L, e.id());
      assertEquals(1L, e.expectedVersion());
      assertEquals(Optional.of(2L), e.actualVersion());

      Future<Throwable> theirBatch =
          otherThread.submit(
              () -> {
                try {
                  articles.updateAll(
                      List.of(staleTwo.withTitle("other thread batch")), ConflictPolicy.ABORT_ALL);
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      assertInstanceOf(BatchConflictException.class, theirBatch.get(30, TimeUnit.SECONDS));

      // meanwhile this thread writes its stale copy
      mine = articles.update(staleOne.withTitle("this thread, stale"));
      assertFalse(OptimisticLocking.isChecking(Article.class));
    }
    assertEquals(new Article(1, "this thread, stale", "b1", 3), mine);
    assertEquals(List.of(mine, new Article(2, "theirs2", "b2", 2)), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aScopeOpenOnAnotherThreadDoesNotTurnTheCheckOffHere(TestDatabase db) throws Exception {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> stale = staleArticles(articles, 2);
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch checkedHere = new CountDownLatch(1);
    Future<Article> other =
        otherThread.submit(
            () -> {
              try (var off = OptimisticLocking.disable()) {
                opened.countDown();
                assertTrue(checkedHere.await(30, TimeUnit.SECONDS));
                return articles.update(stale.get(1).withTitle("other thread, unchecked"));
              }
            });
    try {
      assertTrue(opened.await(30, TimeUnit.SECONDS));
      // the other thread's scope is open right now
      assertTrue(OptimisticLocking.isChecking(Article.class));
      assertThrows(
          RecordModifiedException.class, () -> articles.update(stale.get(0).withTitle("here")));
      assertEquals(
          Optional.empty(), articles.tryUpdate(stale.get(0).withTitle("here, try")));
    } finally {
      checkedHere.countDown();
    }
    Article theirs = other.get(30, TimeUnit.SECONDS);
    assertEquals(new Article(2, "other thread, unchecked", "b2", 3), theirs);
    assertEquals(List.of(new Article(1, "theirs1", "b1", 2), theirs), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateAllAndDeleteAllHonourTheSwitch(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stale = staleArticles(articles, 5);
    Article fresh5 = articles.findById(5).orElseThrow();

    BatchResult<Article> updated;
    BatchResult<Article> deleted;
    try (var off = OptimisticLocking.disable(Article.class)) {
      updated =
          articles.updateAll(
              List.of(stale.get(1).withTitle("x2"), stale.get(0).withTitle("x1"),
                  fresh5.withTitle("x5")),
              ConflictPolicy.ABORT_ALL);
      deleted = articles.deleteAll(List.of(stale.get(2), stale.get(3)), ConflictPolicy.ABORT_ALL);
    }
    assertEquals(
        List.of(new Article(2, "x2", "b2", 3), new Article(1, "x1", "b1", 3),
            new Article(5, "x5", "b5", 3)),
        updated.updated());
    assertEquals(List.of(), updated.conflicts());
    assertEquals(List.of(stale.get(2), stale.get(3)), deleted.deleted());
    assertEquals(List.of(), deleted.conflicts());
    assertEquals(
        List.of(new Article(1, "x1", "b1", 3), new Article(2, "x2", "b2", 3),
            new Article(5, "x5", "b5", 3)),
        articles.findAll());

    // SKIP_CONFLICTS under the switch: still no conflicts, stale rows written
    BatchResult<Article> skipping;
    try (var off = OptimisticLocking.disable()) {
      skipping = articles.updateAll(List.of(stale.get(0).withTitle("y1")), ConflictPolicy.SKIP_CONFLICTS);
    }
    assertEquals(List.of(new Article(1, "y1", "b1", 4)), skipping.updated());
    assertFalse(skipping.hasConflicts());

    // and after the scope, the same stale batch conflicts again
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () -> articles.updateAll(List.of(stale.get(0).withTitle("z")), ConflictPolicy.ABORT_ALL));
    assertEquals(Optional.of(4L), e.conflicts().get(0).actualVersion());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableUpdateAllOfClassEntitiesSetsTheirVersions(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document theirs = Stored.copy(documents, id1);
    theirs.setTitle("theirs");
    documents.update(theirs);
    d1.setTitle("mine 1");
    d2.setTitle("mine 2");
    BatchResult<Document> result;
    try (var off = OptimisticLocking.disable()) {
      result = documents.updateAll(List.of(d1, d2), ConflictPolicy.ABORT_ALL);
    }
    assertSame(d1, result.updated().get(0));
    assertSame(d2, result.updated().get(1));
    assertEquals(3, d1.getVersion());
    assertEquals(2, d2.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id1, 3, "mine 1", CREATED), DocumentRow.of(id2, 2, "mine 2", CREATED)),
        Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  // A batch under the switch can still meet a row that is gone. The policy decides, as it does
  // with the check on: ABORT_ALL writes nothing, reports the row in a BatchConflictException and
  // leaves every entity passed in as it was; SKIP_CONFLICTS writes the other rows and reports it.

  @EveryDatabase
  void insideDisableAbortAllWithADeletedRowWritesNothingAndLeavesTheEntitiesAlone(
      TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    UUID id3 = new UUID(0, 3);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document d3 = documents.insert(Document.of(id3, "three", CREATED));
    documents.delete(Stored.copy(documents, id2));
    d1.setTitle("mine 1");
    d2.setTitle("mine 2");
    d3.setTitle("mine 3");

    Throwable thrown;
    try (var off = OptimisticLocking.disable()) {
      thrown =
          assertThrows(
              RuntimeException.class,
              () -> documents.updateAll(List.of(d1, d2, d3), ConflictPolicy.ABORT_ALL));
    }
    Map<UUID, DocumentRow> stored = Stored.documents(db);
    assertAll(
        () -> assertEquals(
            Stored.rows(
                DocumentRow.of(id1, 1, "one", CREATED), DocumentRow.of(id3, 1, "three", CREATED)),
            stored, "database rows"),
        // the caller's objects are as they were
        () -> assertEquals(1, d1.getVersion(), "d1 was not written, its version must stay 1"),
        () -> assertEquals(1, d2.getVersion(), "d2"),
        () -> assertEquals(1, d3.getVersion(), "d3"),
        () -> {
          BatchConflictException e = assertInstanceOf(BatchConflictException.class, thrown);
          List<Conflict<Document>> conflicts = e.conflicts(Document.class);
          assertEquals(1, conflicts.size());
          assertEquals(id2, conflicts.get(0).id());
          assertTrue(conflicts.get(0).deleted());
          assertSame(d2, conflicts.get(0).target());
        });
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableSkipConflictsWithADeletedRowWritesTheOthers(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> stale = staleArticles(articles, 3);
    articles.delete(articles.findById(2).orElseThrow());

    BatchResult<Article> result = null;
    Throwable thrown = null;
    try (var off = OptimisticLocking.disable()) {
      result =
          articles.updateAll(
              List.of(stale.get(0).withTitle("m1"), stale.get(1).withTitle("m2"),
                  stale.get(2).withTitle("m3")),
              ConflictPolicy.SKIP_CONFLICTS);
    } catch (RuntimeException e) {
      thrown = e;
    }
    Throwable failure = thrown;
    assertNull(failure, () -> "SKIP_CONFLICTS must not throw for a deleted row, but threw " + failure);
    assertEquals(
        List.of(new Article(1, "m1", "b1", 3), new Article(3, "m3", "b3", 3)), result.updated());
    assertEquals(1, result.conflicts().size());
    assertEquals(2L, result.conflicts().get(0).id());
    assertTrue(result.conflicts().get(0).deleted());
    assertEquals(
        List.of(new Article(1, "m1", "b1", 3), new Article(3, "m3", "b3", 3)), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableDeleteAllSkipConflictsWithAMissingRowDeletesTheOthers(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> stale = staleArticles(articles, 3);
    articles.delete(articles.findById(2).orElseThrow());
    BatchResult<Article> result = null;
    Throwable thrown = null;
    try (var off = OptimisticLocking.disable()) {
      result = articles.deleteAll(stale, ConflictPolicy.SKIP_CONFLICTS);
    } catch (RuntimeException e) {
      thrown = e;
    }
    Throwable failure = thrown;
    assertNull(failure, () -> "SKIP_CONFLICTS must not throw for a deleted row, but threw " + failure);
    assertEquals(List.of(stale.get(0), stale.get(2)), result.deleted());
    assertEquals(List.of(2L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(List.of(), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableAndATransactionACaughtBatchFailureDoesNotDoomTheTransaction(TestDatabase db) {
    // With the check on, a BatchConflictException caught inside Transactions.run leaves the
    // transaction healthy (BatchTest); and Transactions documents that a caught
    // RecordModifiedException does not doom it either. The switch must not change that.
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> stale = staleArticles(articles, 2);
    articles.delete(articles.findById(2).orElseThrow());
    Throwable outcome = null;
    try {
      Transactions.run(
          dataSource,
          () -> {
            articles.insert(new Article(10, "outer write", "", 0));
            try (var off = OptimisticLocking.disable()) {
              articles.updateAll(
                  List.of(stale.get(0).withTitle("m1"), stale.get(1).withTitle("m2")),
                  ConflictPolicy.ABORT_ALL);
            } catch (BatchConflictException | RecordModifiedException expected) {
              // the caller handles the conflict and carries on
            }
          });
    } catch (RuntimeException e) {
      outcome = e;
    }
    Throwable failure = outcome;
    assertNull(failure, () -> "the outer transaction must commit, but: " + failure);
    assertEquals(
        List.of(new Article(1, "theirs1", "b1", 2), new Article(10, "outer write", "", 1)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideDisableAnUnsavedEntityOrADuplicateIdIsStillRefusedAndNothingIsWritten(
      TestDatabase db) {
    // updateAll documents: "@throws IllegalArgumentException when an entity was never saved or an
    // id appears twice; nothing is written". The switch turns off the version check, not that.
    DataSource dataSource = db.fresh("article", "document");
    ArticleRepository articles = new ArticleRepository(dataSource);
    DocumentRepository documents = new DocumentRepository(dataSource);
    List<Article> stale = staleArticles(articles, 2);
    UUID id1 = new UUID(0, 1);
    Document saved = documents.insert(Document.of(id1, "saved", CREATED));
    saved.setTitle("edited");
    Document unsaved = Document.of(new UUID(0, 2), "never saved", CREATED);

    Throwable duplicate;
    Throwable notSaved;
    try (var off = OptimisticLocking.disable()) {
      duplicate =
          thrownBy(() -> articles.updateAll(
              List.of(stale.get(0).withTitle("x"), stale.get(1), stale.get(0).withTitle("y")),
              ConflictPolicy.ABORT_ALL));
      notSaved = thrownBy(() -> documents.updateAll(List.of(saved, unsaved), ConflictPolicy.ABORT_ALL));
    }
    List<Article> rows = articles.findAll();
    Map<UUID, DocumentRow> documentRows = Stored.documents(db);
    assertAll(
        () -> assertInstanceOf(
            IllegalArgumentException.class, duplicate, "a duplicate id must be refused"),
        () -> assertEquals(
            List.of(new Article(1, "theirs1", "b1", 2), new Article(2, "theirs2", "b2", 2)), rows,
            "article rows"),
        () -> assertInstanceOf(IllegalArgumentException.class, notSaved, "an unsaved entity"),
        () -> assertEquals(1, saved.getVersion(), "the saved document was not written"),
        () -> assertEquals(
            Stored.rows(DocumentRow.of(id1, 1, "saved", CREATED)), documentRows, "document rows"));
    assertEquals(0, db.activeConnections());
  }

  private static Throwable thrownBy(Runnable call) {
    try {
      call.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
