package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Stored.DocumentRow;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.model.Note;
import dev.optilock.samples.model.NoteRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Retry (issue 4, item 5): {@code modify(id, change)} loads, applies, compare-and-sets, and on a
 * conflict reloads and applies again, up to the policy's attempts.
 */
class RetryTest {

  private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

  /** Plenty of attempts and short pauses, for the contention tests. */
  private static final RetryPolicy PATIENT =
      new RetryPolicy(1000, Duration.ofMillis(1), Duration.ofMillis(20));

  private static final int THREADS = 16;
  private static final int INCREMENTS = 25;

  @EveryDatabase
  void modifyAppliesTheChangeAndWrites(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    Article other = articles.insert(new Article(2, "other", "b", 0));
    AtomicInteger calls = new AtomicInteger();
    Article result =
        articles.modify(
            1,
            a -> {
              calls.incrementAndGet();
              assertEquals(new Article(1, "t", "b", 1), a);
              return a.withTitle(a.title() + "!");
            });
    assertEquals(new Article(1, "t!", "b", 2), result);
    assertEquals(1, calls.get());
    assertEquals(List.of(result, other), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictingWriteBetweenLoadAndWriteIsRetriedWithTheReloadedRow(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    List<Article> seen = new ArrayList<>();
    Article result =
        articles.modify(
            1,
            a -> {
              seen.add(a);
              if (seen.size() == 1) {
                // a concurrent writer gets in between this attempt's load and its write
                articles.update(new Article(1, "ignored", "concurrent body", a.version()));
              }
              return a.withTitle(a.title() + "!");
            },
            RetryPolicy.attempts(3));
    assertEquals(2, seen.size(), "the change runs once per attempt");
    assertEquals(new Article(1, "t", "b", 1), seen.get(0));
    assertEquals(new Article(1, "ignored", "concurrent body", 2), seen.get(1));
    // both effects: the concurrent writer's body, and the change applied to the reloaded row
    assertEquals(new Article(1, "ignored!", "concurrent body", 3), result);
    assertEquals(List.of(result), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void afterMaxAttemptsTheLastConflictIsThrown(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    AtomicInteger calls = new AtomicInteger();
    RecordModifiedException e =
        assertThrows(
            RecordModifiedException.class,
            () ->
                articles.modify(
                    1,
                    a -> {
                      int call = calls.incrementAndGet();
                      articles.update(new Article(1, a.title(), "concurrent " + call, a.version()));
                      return a.withTitle("never written");
                    },
                    RetryPolicy.attempts(3)));
    assertEquals(3, calls.get());
    // the last attempt read version 3, the concurrent writer made it 4
    assertEquals(1L, e.id());
    assertEquals(3L, e.expectedVersion());
    assertEquals(Optional.of(4L), e.actualVersion());
    assertEquals("never written", e.target(Article.class).title());
    assertEquals(List.of(new Article(1, "t", "concurrent 3", 4)), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void theDefaultPolicyMakesThirtyAttempts(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        RecordModifiedException.class,
        () ->
            articles.modify(
                1,
                a -> {
                  calls.incrementAndGet();
                  articles.update(new Article(1, a.title(), "concurrent", a.version()));
                  return a.withTitle("never written");
                }));
    assertEquals(30, calls.get());
    assertEquals(RetryPolicy.defaults().maxAttempts(), calls.get());
    assertEquals(List.of(new Article(1, "t", "concurrent", 31)), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aMissingIdIsNoSuchElementAndTheChangeNeverRuns(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    AtomicInteger calls = new AtomicInteger();
    NoSuchElementException e =
        assertThrows(
            NoSuchElementException.class,
            () -> articles.modify(404, a -> {
              calls.incrementAndGet();
              return a;
            }));
    assertTrue(e.getMessage().contains("404"), e.getMessage());
    assertEquals(0, calls.get());

    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID missing = UUID.randomUUID();
    NoSuchElementException d =
        assertThrows(NoSuchElementException.class, () -> documents.modify(missing, x -> x));
    assertTrue(d.getMessage().contains(missing.toString()), d.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aRowDeletedBetweenAttemptsEndsWithNoSuchElement(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        NoSuchElementException.class,
        () ->
            articles.modify(
                1,
                a -> {
                  calls.incrementAndGet();
                  articles.delete(a);
                  return a.withTitle("x");
                },
                RetryPolicy.attempts(5)));
    assertEquals(1, calls.get());
    assertEquals(List.of(), articles.findAll());
  }

  @EveryDatabase
  void aChangeReturningNullIsANullPointerExceptionAndWritesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    Article stored = articles.insert(new Article(1, "t", "b", 0));
    assertThrows(NullPointerException.class, () -> articles.modify(1, a -> null));
    assertThrows(NullPointerException.class, () -> articles.modify(1, null));
    assertThrows(NullPointerException.class, () -> articles.modify(1, a -> a, null));
    assertEquals(List.of(stored), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insideATransactionOnlyOneAttemptIsMade(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(1, "t", "b", 0));
    AtomicInteger calls = new AtomicInteger();
    Transactions.run(
        dataSource,
        () -> {
          RecordModifiedException e =
              assertThrows(
                  RecordModifiedException.class,
                  () ->
                      articles.modify(
                          1,
                          a -> {
                            calls.incrementAndGet();
                            // another write of the row, in this transaction: a second attempt
                            // would see it and succeed, so only "one attempt" explains a throw
                            articles.update(new Article(1, a.title(), "inside", a.version()));
                            return a.withTitle("modified");
                          },
                          PATIENT));
          assertEquals(Optional.of(2L), e.actualVersion());
          // a caught conflict does not doom the transaction
        });
    assertEquals(1, calls.get());
    assertEquals(List.of(new Article(1, "t", "inside", 2)), articles.findAll());

    // and a modify without a conflict inside a transaction commits with it
    Article modified =
        Transactions.call(dataSource, () -> articles.modify(1, a -> a.withTitle("in tx")));
    assertEquals(new Article(1, "in tx", "inside", 3), modified);
    assertEquals(List.of(modified), articles.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void modifyOfAClassEntityRetriesWithAFreshInstance(TestDatabase db) {
    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    UUID id = UUID.randomUUID();
    Document stored = documents.insert(Document.of(id, "doc", CREATED));
    AtomicInteger calls = new AtomicInteger();
    Document result =
        documents.modify(
            id,
            d -> {
              if (calls.incrementAndGet() == 1) {
                Document theirs = Stored.copy(documents, id);
                theirs.setTitle("theirs");
                documents.update(theirs);
              }
              d.setTitle(d.getTitle() + " + mine");
              return d;
            });
    assertEquals(2, calls.get());
    assertEquals(3, result.getVersion());
    assertEquals("theirs + mine", result.getTitle());
    assertEquals(1, stored.getVersion());
    assertEquals(
        Stored.rows(DocumentRow.of(id, 3, "theirs + mine", CREATED)), Stored.documents(db));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------ many threads

  /**
   * Runs {@code THREADS} threads that each call {@code increment} {@code INCREMENTS} times,
   * released together; returns how long it took. Any failure of any thread fails the test.
   */
  private static long hammer(IntFunction<Object> increment) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<Object> work =
            () -> {
              start.await();
              for (int i = 0; i < INCREMENTS; i++) {
                increment.apply(thread);
              }
              return null;
            };
        futures.add(pool.submit(work));
      }
      long began = System.nanoTime();
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS); // an ExecutionException shows the thread's failure
      }
      return (System.nanoTime() - began) / 1_000_000;
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  /**
   * The threads collided: {@code modify} applied its change more often than it succeeded, so some
   * attempts lost a race and were retried. Without it, a run whose threads happened to take turns
   * would pass having tested nothing.
   */
  private static void assertRetried(AtomicInteger attempts) {
    int retries = attempts.get() - THREADS * INCREMENTS;
    System.out.println("[RetryTest] retries after a conflict: " + retries);
    assertTrue(retries > 0, "no modify was ever retried: the threads never collided");
  }

  @EveryDatabase
  void manyThreadsIncrementingOneCounterThroughModifyLoseNoIncrement(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.fresh("tally");
    TallyRepository tallies = new TallyRepository(dataSource);
    tallies.insert(new Tally(1, 0, 0));
    Tally bystander = tallies.insert(new Tally(2, 0, 0));
    AtomicInteger attempts = new AtomicInteger();
    long millis = hammer(thread -> tallies.modify(1, t -> {
      attempts.incrementAndGet();
      return t.plusOne();
    }, PATIENT));
    assertRetried(attempts);
    System.out.println("[RetryTest] " + THREADS + " x " + INCREMENTS + " modify on Tally, " + db
        + ": " + millis + " ms");
    assertEquals(
        List.of(new Tally(1, THREADS * INCREMENTS, THREADS * INCREMENTS + 1), bystander),
        tallies.findAll());
    assertEquals(Map.of(1L, 401L, 2L, 1L), Stored.versions(dataSource, "tally"));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void manyThreadsIncrementingATriggerVersionedCounterLoseNoIncrement(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    counters.insert(new Counter(1, "hits", 0, 0));
    AtomicInteger attempts = new AtomicInteger();
    long millis =
        hammer(
            thread ->
                counters.modify(
                    1, c -> {
                      attempts.incrementAndGet();
                      return new Counter(c.id(), c.label(), c.hits() + 1, c.version());
                    }, PATIENT));
    assertRetried(attempts);
    System.out.println("[RetryTest] " + THREADS + " x " + INCREMENTS + " modify on Counter, " + db
        + ": " + millis + " ms");
    assertEquals(List.of(new Counter(1, "hits", 400, 401)), counters.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void manyThreadsModifyingOneClassEntityLoseNoIncrement(TestDatabase db) throws Exception {
    DataSource dataSource = db.fresh("note");
    NoteRepository notes = new NoteRepository(dataSource);
    notes.insert(new Note(1, 0, "0"));
    AtomicInteger attempts = new AtomicInteger();
    long millis =
        hammer(
            thread ->
                notes.modify(
                    1,
                    n -> {
                      attempts.incrementAndGet();
                      n.edit(String.valueOf(Integer.parseInt(n.text()) + 1));
                      return n;
                    },
                    PATIENT));
    System.out.println("[RetryTest] " + THREADS + " x " + INCREMENTS + " modify on Note, " + db
        + ": " + millis + " ms");
    assertRetried(attempts);
    Note stored = notes.findById(1).orElseThrow();
    assertEquals("400", stored.text());
    assertEquals(401, stored.version());
    assertSame(null, notes.findById(2).orElse(null));
    assertEquals(0, db.activeConnections());
  }

  /**
   * {@code modify(1, change)} writes row 1: a change that returns another key (or another version)
   * would compare-and-set a different row, and write it if that row happened to hold the same
   * version. Refused, nothing written, both for records and for classes changed in place.
   */
  @EveryDatabase
  void aChangeThatMovesTheKeyOrTheVersionIsRefusedAndWritesNothing(TestDatabase db) {
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "one", "b", 0));
    articles.insert(new Article(2, "two", "b", 0));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> articles.modify(1, a -> new Article(2, "hijacked", a.body(), a.version())));
    assertEquals("modify(Article[id=1]): change returned Article[id=2], another key; modify writes"
        + " the row it loaded, so change must keep its key (use update or insert for another row);"
        + " nothing was written", refused.getMessage());
    refused = assertThrows(IllegalArgumentException.class,
        () -> articles.modify(1, a -> new Article(1, "rewound", a.body(), a.version() + 1)));
    assertEquals("modify(Article[id=1]): change returned version 2 for the row loaded at version 1;"
        + " the version is optilock's to move, so change must keep it; nothing was written",
        refused.getMessage());
    assertEquals(new Article(1, "one", "b", 1), articles.findById(1).orElseThrow());
    assertEquals(new Article(2, "two", "b", 1), articles.findById(2).orElseThrow());

    DocumentRepository documents = new DocumentRepository(db.fresh("document"));
    Document first = documents.insert(Document.of(UUID.randomUUID(), "first", CREATED));
    Document second = documents.insert(Document.of(UUID.randomUUID(), "second", CREATED));
    refused = assertThrows(IllegalArgumentException.class, () -> documents.modify(first.getId(), d -> {
      d.setId(second.getId());
      d.setTitle("hijacked");
      return d;
    }));
    assertTrue(refused.getMessage().contains("another key"), refused.getMessage());
    assertEquals("second", documents.findById(second.getId()).orElseThrow().getTitle());
    assertEquals("first", documents.findById(first.getId()).orElseThrow().getTitle());
    assertEquals(0, db.activeConnections());
  }
}
