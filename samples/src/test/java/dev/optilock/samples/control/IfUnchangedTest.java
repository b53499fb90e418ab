package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Stored.DocumentRow;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * Guarded actions (issue 4, item 4): {@code ifUnchanged(selection, action)} runs the action in one
 * transaction only when every selected row still has the caller's version, with the rows locked.
 */
class IfUnchangedTest {

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  private final ExecutorService others = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopTheOtherWriters() throws InterruptedException {
    others.shutdownNow();
    assertTrue(others.awaitTermination(30, TimeUnit.SECONDS));
  }

  private static List<Article> insert(ArticleRepository articles, int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(id -> articles.insert(new Article(id, "t" + id, "b" + id, 0)))
        .toList();
  }

  @EveryDatabase
  void theActionRunsInOneTransactionWhenEveryRowIsUnchanged(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 4);
    Article four = articles.update(rows.get(3).withTitle("t4b")); // version 2, selected fresh
    List<Article> selection = List.of(rows.get(0), rows.get(1), four);

    String result =
        articles.ifUnchanged(
            selection,
            () -> {
              assertTrue(Transactions.inTransaction(dataSource));
              articles.delete(rows.get(0));
              articles.delete(rows.get(1));
              articles.update(four.withTitle("archived"));
              // the action sees its own writes
              assertEquals(List.of(3L, 4L), articles.findAll().stream().map(Article::id).toList());
              return "deleted 2, archived 1";
            });
    assertEquals("deleted 2, archived 1", result);
    assertFalse(Transactions.inTransaction(dataSource));
    assertEquals(
        List.of(new Article(3, "t3", "b3", 1), new Article(4, "archived", "b4", 3)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theActionsValueIsReturnedEvenWhenItWritesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> rows = insert(articles, 2);
    assertEquals(Integer.valueOf(42), articles.ifUnchanged(rows, () -> 42));
    assertNull(articles.<Object>ifUnchanged(rows, () -> null));
    assertEquals("empty", articles.ifUnchanged(List.of(), () -> "empty"));
    assertEquals(rows, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void whenRowsChangedOrWereDeletedTheActionDoesNotRunAndEveryConflictIsListed(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 5);
    Article two = articles.update(rows.get(1).withTitle("theirs2"));
    articles.delete(rows.get(2));
    Article fiveB = articles.update(rows.get(4).withTitle("theirs5"));
    Article five = articles.update(fiveB.withTitle("theirs5 again"));
    List<Article> selection = List.of(rows.get(4), rows.get(0), rows.get(2), rows.get(1), rows.get(3));

    AtomicBoolean ran = new AtomicBoolean();
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () ->
                articles.ifUnchanged(
                    selection,
                    () -> {
                      ran.set(true);
                      articles.delete(rows.get(0));
                      articles.insert(new Article(99, "written by the action", "", 0));
                      return "ran";
                    }));
    assertFalse(ran.get(), "the action must not run");
    assertEquals(Article.class, e.entityType());
    List<Conflict<Article>> conflicts = e.conflicts(Article.class);
    assertEquals(List.of(5L, 3L, 2L), conflicts.stream().map(Conflict::id).toList());
    assertEquals(Optional.of(3L), conflicts.get(0).actualVersion());
    assertTrue(conflicts.get(1).deleted());
    assertEquals(Optional.of(2L), conflicts.get(2).actualVersion());
    for (Conflict<Article> c : conflicts) {
      assertEquals(1L, c.expectedVersion());
    }
    assertSame(selection.get(0), conflicts.get(0).target());
    assertSame(selection.get(2), conflicts.get(1).target());
    assertSame(selection.get(3), conflicts.get(2).target());
    assertEquals(List.of(rows.get(0), two, rows.get(3), five), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aChangedDocumentStopsTheActionAndTheDocumentsAreLeftAlone(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id1 = new UUID(0, 1);
    UUID id2 = new UUID(0, 2);
    Document d1 = documents.insert(Document.of(id1, "one", CREATED));
    Document d2 = documents.insert(Document.of(id2, "two", CREATED));
    Document theirs = Stored.copy(documents, id2);
    theirs.setTitle("theirs");
    documents.update(theirs);
    AtomicBoolean ran = new AtomicBoolean();
    BatchConflictException e =
        assertThrows(
            BatchConflictException.class,
            () ->
                documents.ifUnchanged(
                    List.of(d1, d2),
                    () -> {
                      ran.set(true);
                      documents.delete(d1);
                      return null;
                    }));
    assertFalse(ran.get());
    List<Conflict<Document>> conflicts = e.conflicts(Document.class);
    assertEquals(1, conflicts.size());
    assertEquals(id2, conflicts.get(0).id());
    assertEquals(Optional.of(2), conflicts.get(0).actualVersion());
    assertSame(d2, conflicts.get(0).target());
    assertEquals(1, d1.getVersion());
    assertEquals(1, d2.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id1, 1, "one", CREATED), DocumentRow.of(id2, 2, "theirs", CREATED)),
        Stored.documents(db));

    // with fresh copies the action runs, and its delete commits
    Document fresh2 = Stored.copy(documents, id2);
    assertEquals(
        "deleted",
        documents.ifUnchanged(
            List.of(d1, fresh2),
            () -> {
              documents.delete(d1);
              documents.delete(fresh2);
              return "deleted";
            }));
    assertEquals(Stored.rows(), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anExceptionFromTheActionRollsBackItsWritesAndPropagates(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 3);
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                articles.ifUnchanged(
                    rows,
                    () -> {
                      articles.delete(rows.get(0));
                      articles.update(rows.get(1).withTitle("changed"));
                      articles.insert(new Article(4, "new", "", 0));
                      throw boom;
                    }));
    assertSame(boom, thrown);
    assertEquals(rows, articles.findAll());

    // a conflict inside the action propagates too, and undoes the action's earlier writes
    Article stale = rows.get(2);
    articles.update(articles.findById(3).orElseThrow().withTitle("theirs"));
    Article third = articles.findById(3).orElseThrow();
    RecordModifiedException conflict =
        assertThrows(
            RecordModifiedException.class,
            () ->
                articles.ifUnchanged(
                    List.of(rows.get(0), third),
                    () -> {
                      articles.delete(rows.get(0));
                      return articles.update(stale.withTitle("stale write inside"));
                    }));
    assertEquals(3L, conflict.id());
    assertEquals(List.of(rows.get(0), rows.get(1), third), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theSelectedRowsAreLockedAgainstOtherWritersWhileTheActionRuns(TestDatabase db)
      throws Exception {
    // The other writers start inside the action, before it writes anything. Without the lock
    // they would succeed at once (their copies are current); with it they wait until the action's
    // transaction ends. Then the writer of the row the action changed finds a newer version
    // (RecordModifiedException, deterministic), and the writer of the untouched row succeeds.
    // PostgreSQL and MariaDB: row locks (SELECT ... FOR UPDATE). SQLite: the database write lock;
    // the other writers wait in the busy timeout.
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 3);
    Article one = rows.get(0);
    Article two = rows.get(1);
    AtomicReference<Future<Article>> writerOfOne = new AtomicReference<>();
    AtomicReference<Future<Article>> writerOfTwo = new AtomicReference<>();
    AtomicBoolean otherFinishedEarly = new AtomicBoolean();

    String result =
        articles.ifUnchanged(
            List.of(one, two),
            () -> {
              writerOfOne.set(others.submit(() -> articles.update(one.withTitle("other writer"))));
              writerOfTwo.set(others.submit(() -> articles.update(two.withTitle("other writer"))));
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              otherFinishedEarly.set(writerOfOne.get().isDone() || writerOfTwo.get().isDone());
              articles.update(one.withTitle("written by the action"));
              return "action done";
            });
    assertEquals("action done", result);
    assertFalse(
        otherFinishedEarly.get(),
        "another writer completed while the action held the selection: the rows were not locked");

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> writerOfOne.get().get(30, TimeUnit.SECONDS));
    RecordModifiedException conflict = assertInstanceOf(RecordModifiedException.class, e.getCause());
    assertEquals(1L, conflict.id());
    assertEquals(Optional.of(2L), conflict.actualVersion());
    Article twoWritten = writerOfTwo.get().get(30, TimeUnit.SECONDS);
    assertEquals(new Article(2, "other writer", "b2", 2), twoWritten);

    assertEquals(
        List.of(new Article(1, "written by the action", "b1", 2), twoWritten, rows.get(2)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideAnOuterTransactionTheActionJoinsIt(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 2);
    assertThrows(
        IllegalStateException.class,
        () ->
            Transactions.run(
                dataSource,
                () -> {
                  articles.ifUnchanged(rows, () -> {
                    articles.delete(rows.get(0));
                    return null;
                  });
                  throw new IllegalStateException("the outer transaction fails afterwards");
                }));
    assertEquals(rows, articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictCaughtInsideAnOuterTransactionDoesNotDoomIt(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    List<Article> rows = insert(articles, 2);
    articles.update(rows.get(1).withTitle("theirs"));
    AtomicBoolean ran = new AtomicBoolean();
    Transactions.run(
        dataSource,
        () -> {
          articles.insert(new Article(10, "outer", "", 0));
          assertThrows(
              BatchConflictException.class,
              () -> articles.ifUnchanged(rows, () -> {
                ran.set(true);
                articles.delete(rows.get(0));
                return null;
              }));
        });
    assertFalse(ran.get());
    assertEquals(
        List.of(rows.get(0), new Article(2, "theirs", "b2", 2), new Article(10, "outer", "", 1)),
        articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aBadSelectionIsRefusedAndTheActionDoesNotRun(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    List<Article> rows = insert(articles, 2);
    AtomicBoolean ran = new AtomicBoolean();
    Supplier<String> action = () -> {
      ran.set(true);
      articles.delete(rows.get(0));
      return "ran";
    };
    NullPointerException npe =
        assertThrows(
            NullPointerException.class,
            () -> articles.ifUnchanged(Arrays.asList(rows.get(0), null), action));
    assertTrue(npe.getMessage().contains("[1]"), npe.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> articles.ifUnchanged(List.of(rows.get(0), rows.get(1), rows.get(0)), action));
    assertThrows(
        IllegalArgumentException.class,
        () -> articles.ifUnchanged(List.of(rows.get(0), new Article(3, "new", "", 0)), action));
    assertThrows(NullPointerException.class, () -> articles.ifUnchanged(rows, null));
    assertFalse(ran.get());
    assertEquals(rows, articles.findAll());
    assertEquals(0, db.activeConnections());
  }
}
