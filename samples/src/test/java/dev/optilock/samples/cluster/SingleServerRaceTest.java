package dev.optilock.samples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.reliability.HotCounter;
import dev.optilock.samples.reliability.HotCounterRepository;
import dev.optilock.samples.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transient failures provoked for real on the single servers (5432 and 3306): serialization
 * failures of a PostgreSQL pool whose default isolation is REPEATABLE READ or SERIALIZABLE, and
 * deadlocks between two transactions that lock two rows in opposite orders. The repositories report
 * them as {@code TransientDataAccessException}, and {@code modify} and {@code Transactions.call(ds,
 * policy, work)} run the work again until it succeeds.
 */
class SingleServerRaceTest {
  private static final int THREADS = 8;
  private static final int INCREMENTS = 25;

  @ParameterizedTest
  @ValueSource(strings = {"TRANSACTION_SERIALIZABLE", "TRANSACTION_REPEATABLE_READ"})
  void postgresqlPoolAtAStrictIsolationLevel(String isolation) throws Exception {
    HikariDataSource shared = TestDatabase.POSTGRESQL.fresh("hot_counter");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setSchema(shared.getSchema());
    config.setMaximumPoolSize(THREADS);
    config.setTransactionIsolation(isolation);
    try (HikariDataSource pool = new HikariDataSource(config);
        Tally tally = new Tally()) {
      HotCounterRepository counters = new HotCounterRepository(pool);
      counters.insert(new HotCounter(1, 0, "nobody", 0));
      // 8 threads on one row: a thread that backs off keeps losing to threads that start their
      // next call at once; up to 13 attempts were seen, within the default 30
      RetryPolicy policy = RetryPolicy.defaults();
      List<Throwable> failures = Threads.race(THREADS, INCREMENTS,
          thread -> counters.modify(1L, c -> c.incremented("t" + thread), policy));
      String summary = "postgresql " + isolation + " pool, modify, default policy: "
          + tally.summary(THREADS * INCREMENTS) + ", " + failures.size() + " failed";
      System.out.println("[optilock figures] " + summary);
      assertTrue(failures.isEmpty(), summary + ": " + failures.stream().limit(3).toList());
      HotCounter row = counters.findById(1L).orElseThrow();
      assertEquals(THREADS * INCREMENTS, row.hits(), summary);
      assertTrue(tally.transientFailures() > 0, "no serialization failure happened: " + summary);
    }
  }

  enum Server { POSTGRESQL, MARIADB }

  @ParameterizedTest
  @EnumSource(Server.class)
  void deadlockedTransactionsAreRunAgain(Server server) throws Exception {
    TestDatabase database = server == Server.POSTGRESQL ? TestDatabase.POSTGRESQL : TestDatabase.MARIADB;
    HikariDataSource pool = database.fresh("hot_counter");
    HotCounterRepository counters = new HotCounterRepository(pool);
    counters.insert(new HotCounter(1, 0, "nobody", 0));
    counters.insert(new HotCounter(2, 0, "nobody", 0));
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy = RetryPolicy.attempts(5);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (Tally tally = new Tally()) {
      List<Future<?>> done = new ArrayList<>();
      for (long first : new long[] {1, 2}) {
        long second = 3 - first;
        done.add(executor.submit(() -> Transactions.call(pool, policy, () -> {
          boolean firstAttempt = attempts.incrementAndGet() <= 2;
          counters.update(counters.findById(first).orElseThrow().incremented("a"));
          if (firstAttempt) {
            try {
              bothHoldOne.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          return counters.update(counters.findById(second).orElseThrow().incremented("b"));
        })));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
      String state = server == Server.POSTGRESQL ? "40P01" : "40001";
      long deadlocks = tally.transientFailures();
      System.out.println("[optilock figures] " + server + " deadlock: " + tally.summary(2));
      assertTrue(deadlocks >= 1, "no deadlock (" + state + ") was reported: " + tally.summary(2));
      assertTrue(tally.retries() >= 1, tally.summary(2));
      assertTrue(attempts.get() >= 3, "the deadlocked transaction did not run again");
      assertEquals(2, counters.findById(1L).orElseThrow().hits());
      assertEquals(2, counters.findById(2L).orElseThrow().hits());
    } finally {
      executor.shutdownNow();
    }
  }
}
