package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SQLite allows one writer at a time per database file; the others get SQLITE_BUSY ("database is
 * locked") unless a busy timeout makes them wait. With the fixture's {@code busy_timeout} of 10 s,
 * many threads writing different rows of one file all succeed; when the lock is held longer than
 * the timeout, the caller gets a {@link DataAccessException} and nothing is written: a locked
 * database is never reported as a conflict (nor as an empty {@code tryUpdate}).
 */
class SqliteLockingTest {
  static final int THREADS = 16;
  static final int UPDATES_PER_THREAD = 25;

  @Test
  void manyThreadsWritingDifferentRowsOfOneFileAllSucceed() throws Exception {
    TestDatabase.SQLITE.fresh("hot_counter");
    try (HikariDataSource pool = TestDatabase.SQLITE.newPool("optilock-sqlite-writers", THREADS)) {
      HotCounterRepository counters = new HotCounterRepository(pool);
      for (long id = 1; id <= THREADS; id++) {
        counters.insert(new HotCounter(id, 0, null, 0));
      }
      AtomicLong writes = new AtomicLong();
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      run(THREADS, thread -> {
        long id = thread + 1;
        HotCounter mine = counters.findById(id).orElseThrow();
        for (int k = 0; k < UPDATES_PER_THREAD; k++) {
          try {
            HotCounter next = mine.incremented("thread-" + thread);
            mine = switch (k % 4) {
              case 0 -> counters.update(next);
              case 1 -> counters.tryUpdate(next).orElseThrow(
                  () -> new AssertionError("tryUpdate found a conflict on a row only it writes"));
              case 2 -> counters.updateAll(List.of(next), ConflictPolicy.ABORT_ALL).updated().get(0);
              default -> Transactions.call(pool, () -> counters.update(next));
            };
            writes.incrementAndGet();
          } catch (RuntimeException | AssertionError e) {
            failures.add(e);
            mine = counters.findById(id).orElseThrow();
          }
        }
      });
      assertEquals(List.of(), List.copyOf(failures), "every write of its own row must succeed");
      assertEquals(THREADS * UPDATES_PER_THREAD, writes.get());
      for (HotCounter counter : counters.findAll()) {
        assertEquals(UPDATES_PER_THREAD, counter.hits(), counter.toString());
        assertEquals(UPDATES_PER_THREAD + 1, counter.version(), counter.toString());
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    }
  }

  /**
   * Read, then write, in one transaction, on rows no other thread writes, with the fixture's pool
   * settings. A deferred SQLite transaction that has read holds a snapshot; when another connection
   * commits before it writes, SQLite refuses the write with SQLITE_BUSY (SQLITE_BUSY_SNAPSHOT) at
   * once, whatever the busy timeout, and the busy handler cannot help.
   */
  @Test
  void readThenWriteTransactionsOnDifferentRowsAllSucceed() throws Exception {
    TestDatabase.SQLITE.fresh("hot_counter");
    try (HikariDataSource pool = TestDatabase.SQLITE.newPool("optilock-sqlite-tx", THREADS)) {
      assertReadThenWriteTransactionsAllSucceed(pool);
    }
  }

  /**
   * The same with {@code transaction_mode=IMMEDIATE} on the pool: each transaction takes the write
   * lock when it begins (waiting for it under the busy timeout), so its reads and writes see one
   * state and every transaction succeeds. This is the configuration docs/reliability.md recommends
   * for SQLite applications that read and write in one transaction.
   */
  @Test
  void readThenWriteTransactionsAllSucceedWithImmediateTransactions() throws Exception {
    TestDatabase.SQLITE.fresh("hot_counter");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.SQLITE.pool().getJdbcUrl());
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    config.setPoolName("optilock-sqlite-immediate");
    config.setMaximumPoolSize(THREADS);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      assertReadThenWriteTransactionsAllSucceed(pool);
    }
  }

  private static void assertReadThenWriteTransactionsAllSucceed(HikariDataSource pool)
      throws Exception {
    HotCounterRepository counters = new HotCounterRepository(pool);
    for (long id = 1; id <= THREADS; id++) {
      counters.insert(new HotCounter(id, 0, null, 0));
    }
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    run(THREADS, thread -> {
      long id = thread + 1;
      for (int k = 0; k < UPDATES_PER_THREAD; k++) {
        try {
          Transactions.run(pool, () -> {
            HotCounter mine = counters.findById(id).orElseThrow();
            counters.update(mine.incremented("thread-" + thread));
          });
        } catch (RuntimeException e) {
          assertFalse(Figures.contains(e, RecordModifiedException.class),
              "a locked database was reported as a conflict: " + e);
          failures.add(e);
        }
      }
    });
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " of " + THREADS * UPDATES_PER_THREAD
          + " transactions failed, the first with: " + failures.peek(), failures.peek());
    }
    for (HotCounter counter : counters.findAll()) {
      assertEquals(UPDATES_PER_THREAD, counter.hits(), counter.toString());
    }
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
  }

  @Test
  void aDatabaseLockedLongerThanTheBusyTimeoutIsADataAccessExceptionNotAConflict()
      throws Exception {
    TestDatabase.SQLITE.fresh("hot_counter");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.SQLITE.pool().getJdbcUrl());
    config.addDataSourceProperty("busy_timeout", "100");
    config.addDataSourceProperty("journal_mode", "WAL");
    config.setPoolName("optilock-sqlite-impatient");
    config.setMaximumPoolSize(2);
    try (HikariDataSource impatient = new HikariDataSource(config)) {
      HotCounterRepository counters = new HotCounterRepository(impatient);
      HotCounter first = counters.insert(new HotCounter(1, 0, null, 0));
      HotCounter second = counters.insert(new HotCounter(2, 0, null, 0));
      List<HotCounter> before = List.of(first, second);

      try (Connection holder = TestDatabase.SQLITE.pool().getConnection();
          Statement statement = holder.createStatement()) {
        holder.setAutoCommit(false);
        // take the write lock and keep it
        statement.executeUpdate("UPDATE \"hot_counter\" SET \"id\" = \"id\" WHERE 1 = 0");
        List<Executable> calls = List.of(
            () -> counters.update(first.incremented("x")),
            () -> counters.tryUpdate(first.incremented("x")),
            () -> counters.updateUnchecked(first.incremented("x")),
            () -> counters.updateWithoutIncrement(first.incremented("x")),
            () -> counters.delete(first),
            () -> counters.save(first.incremented("x")),
            () -> counters.insert(new HotCounter(3, 0, null, 0)),
            () -> counters.modify(1, c -> c.incremented("x")),
            () -> counters.updateAll(List.of(first.incremented("x"), second.incremented("x")),
                ConflictPolicy.SKIP_CONFLICTS),
            () -> counters.deleteAll(before, ConflictPolicy.ABORT_ALL),
            () -> counters.ifUnchanged(before, () -> "ran"),
            () -> Transactions.run(impatient, () -> counters.update(first.incremented("x"))));
        for (Executable call : calls) {
          DataAccessException busy = assertThrows(DataAccessException.class, call);
          assertFalse(Figures.contains(busy, RecordModifiedException.class), busy.toString());
          assertFalse(Figures.contains(busy, BatchConflictException.class), busy.toString());
          assertTrue(busy.getMessage().contains("locked") || busy.getMessage().contains("BUSY"),
              busy.getMessage());
          assertEquals(0, impatient.getHikariPoolMXBean().getActiveConnections());
        }
        holder.rollback();
      }
      assertEquals(before, counters.findAll(), "nothing may have been written");
      assertEquals(first.version() + 1, counters.update(first.incremented("after")).version());
    }
  }

  @Test
  void theBusyTimeoutWaitsForAWriterThatHoldsTheLockBriefly() throws Exception {
    HikariDataSource pool = TestDatabase.SQLITE.fresh("hot_counter");
    HotCounterRepository counters = new HotCounterRepository(pool);
    HotCounter first = counters.insert(new HotCounter(1, 0, null, 0));
    CountDownLatch locked = new CountDownLatch(1);
    ExecutorService holderThread = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder = holderThread.submit(() -> {
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement()) {
          connection.setAutoCommit(false);
          statement.executeUpdate("UPDATE \"hot_counter\" SET \"hits\" = \"hits\" WHERE \"id\" = 2");
          locked.countDown();
          Thread.sleep(300);
          connection.commit();
        }
        return null;
      });
      assertTrue(locked.await(10, TimeUnit.SECONDS));
      long started = System.nanoTime();
      HotCounter written = counters.update(first.incremented("waited"));
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      holder.get(10, TimeUnit.SECONDS);
      assertEquals(2, written.version());
      assertTrue(waitedMs >= 100, "the update should have waited for the lock, took " + waitedMs);
    } finally {
      holderThread.shutdownNow();
    }
    assertEquals(0, TestDatabase.SQLITE.activeConnections());
  }

  /** Runs {@code body} on {@code threads} threads at once and waits for all of them. */
  static void run(int threads, ThreadBody body) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(executor.submit(() -> {
          start.await();
          body.run(thread);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  interface ThreadBody {
    void run(int thread) throws Exception;
  }
}
