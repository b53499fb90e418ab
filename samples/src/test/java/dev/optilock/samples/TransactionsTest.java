package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/** Several repository calls in one transaction, on every database. */
class TransactionsTest {

  private static List<String> titles(ArticleRepository articles) {
    return articles.findAll().stream().map(Article::title).toList();
  }

  @EveryDatabase
  void runCommitsEveryCallAtTheEnd(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article first = articles.insert(new Article(1, "one", "", 0));
    Transactions.run(
        dataSource,
        () -> {
          assertTrue(Transactions.inTransaction(dataSource));
          articles.update(first.withTitle("one, edited"));
          articles.insert(new Article(2, "two", "", 0));
          // inside, the transaction sees its own writes
          assertEquals(List.of("one, edited", "two"), titles(articles));
        });
    assertFalse(Transactions.inTransaction(dataSource));
    assertEquals(List.of("one, edited", "two"), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void callReturnsTheValueOnceCommitted(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article stored = Transactions.call(dataSource, () -> articles.insert(new Article(1, "a", "", 0)));
    assertEquals(Optional.of(stored), articles.findById(1));
  }

  @EveryDatabase
  void anExceptionRollsEverythingBackAndPropagatesUnchanged(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article first = articles.insert(new Article(1, "one", "", 0));
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                Transactions.run(
                    dataSource,
                    () -> {
                      articles.update(first.withTitle("changed"));
                      articles.insert(new Article(2, "two", "", 0));
                      throw boom;
                    }));
    assertSame(boom, thrown);
    assertEquals(List.of("one"), titles(articles));
    assertEquals(1, articles.findById(1).orElseThrow().version());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictInsideATransactionRollsBackItsEarlierWrites(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article a = articles.insert(new Article(1, "a", "", 0));
    Article b = articles.insert(new Article(2, "b", "", 0));
    articles.update(b.withTitle("someone else"));
    assertThrows(
        RecordModifiedException.class,
        () ->
            Transactions.run(
                dataSource,
                () -> {
                  articles.update(a.withTitle("a, edited"));
                  articles.update(b.withTitle("b, edited from a stale copy"));
                }));
    assertEquals(List.of("a", "someone else"), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aNestedCallJoinsTheOuterTransaction(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    assertThrows(
        IllegalStateException.class,
        () ->
            Transactions.run(
                dataSource,
                () -> {
                  Transactions.run(dataSource, () -> articles.insert(new Article(1, "inner", "", 0)));
                  // the inner call did not commit on its own: the outer failure undoes it
                  throw new IllegalStateException("outer fails after the inner call returned");
                }));
    assertEquals(List.of(), titles(articles));

    Transactions.run(
        dataSource,
        () -> {
          Transactions.run(dataSource, () -> articles.insert(new Article(1, "inner", "", 0)));
          articles.insert(new Article(2, "outer", "", 0));
        });
    assertEquals(List.of("inner", "outer"), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aFailedNestedCallMarksTheTransactionRollbackOnlyEvenIfCaught(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    DataAccessException e =
        assertThrows(
            DataAccessException.class,
            () ->
                Transactions.run(
                    dataSource,
                    () -> {
                      articles.insert(new Article(1, "before", "", 0));
                      try {
                        Transactions.run(
                            dataSource,
                            () -> {
                              throw new IllegalArgumentException("inner failure");
                            });
                      } catch (IllegalArgumentException caught) {
                        // swallowed on purpose
                      }
                      articles.insert(new Article(2, "after", "", 0));
                    }));
    assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
    assertEquals(List.of(), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aFailedStatementCaughtInsideDoomsTheTransactionOnEveryDatabase(TestDatabase db) {
    // PostgreSQL aborts a transaction after a failed statement and turns its COMMIT into a silent
    // rollback; optilock makes that loud, and the same on every database.
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(1, "existing", "", 0));
    DataAccessException e =
        assertThrows(
            DataAccessException.class,
            () ->
                Transactions.run(
                    dataSource,
                    () -> {
                      articles.insert(new Article(2, "written first", "", 0));
                      try {
                        articles.insert(new Article(1, "duplicate key", "", 0));
                      } catch (DataAccessException expected) {
                        // swallowed on purpose
                      }
                    }));
    assertTrue(e.getMessage().startsWith("transaction rolled back"), e.getMessage());
    assertTrue(e.getCause() instanceof DataAccessException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().startsWith("insert of Article[id=1] failed"));
    assertEquals(List.of("existing"), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictCaughtInsideDoesNotDoomTheTransaction(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article stale = articles.insert(new Article(1, "a", "", 0));
    articles.update(stale.withTitle("b"));
    Transactions.run(
        dataSource,
        () -> {
          assertTrue(articles.tryUpdate(stale.withTitle("lost")).isEmpty());
          try {
            articles.update(stale.withTitle("lost again"));
          } catch (RecordModifiedException expected) {
            // nothing was written; the transaction goes on
          }
          articles.insert(new Article(2, "c", "", 0));
        });
    assertEquals(List.of("b", "c"), titles(articles));
  }

  @EveryDatabase
  void outsideATransactionEachCallCommitsOnItsOwn(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(1, "kept", "", 0));
    assertThrows(DataAccessException.class, () -> articles.insert(new Article(1, "duplicate", "", 0)));
    assertEquals(List.of("kept"), titles(articles));
  }

  @EveryDatabase
  void otherThreadsDoNotSeeUncommittedWritesNorJoinTheTransaction(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Transactions.run(
        dataSource,
        () -> {
          articles.insert(new Article(1, "uncommitted", "", 0));
          CompletableFuture<Boolean> otherThread =
              CompletableFuture.supplyAsync(
                  () ->
                      !Transactions.inTransaction(dataSource) && articles.findById(1).isEmpty());
          assertTrue(otherThread.join());
        });
    assertEquals(List.of("uncommitted"), titles(articles));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void nullArgumentsAreRefusedByName(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    assertEquals(
        "dataSource",
        assertThrows(NullPointerException.class, () -> Transactions.run(null, () -> {}))
            .getMessage());
    assertEquals(
        "work",
        assertThrows(NullPointerException.class, () -> Transactions.call(dataSource, null))
            .getMessage());
    assertEquals(
        "dataSource",
        assertThrows(NullPointerException.class, () -> Transactions.inTransaction(null))
            .getMessage());
  }
}
