package dev.optilock.samples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.reliability.HotCounter;
import dev.optilock.samples.reliability.HotCounterRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One hot row written from the 3 nodes of a real MariaDB Galera cluster (scripts/galera.sh): a
 * race between nodes surfaces as error 1213 (SQLSTATE 40001) at the UPDATE, at COMMIT or at the
 * conflict report's locking read, which optilock classifies as transient and retries. Each test
 * asserts that every call succeeded, that the counter equals the successful calls (nothing lost),
 * and that the nodes really raced (conflicts or transient failures counted by the JFR events).
 * The figures printed are quoted in docs/clusters.md.
 */
@ExtendWith(Clusters.Galera.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraTest {
  private static final int THREADS = 8;
  private static final int INCREMENTS = 50;

  private static String database;
  private static List<HikariDataSource> pools;

  @BeforeAll
  static void cluster() throws SQLException {
    database = Clusters.galeraDatabase("galera");
    pools = Clusters.galeraPools(database, null, THREADS);
    try (Connection connection = pools.get(0).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE hot_counter (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL,"
          + " last_writer TEXT, version BIGINT NOT NULL) ENGINE=InnoDB");
    }
  }

  @AfterAll
  static void drop() {
    if (pools != null) {
      pools.forEach(HikariDataSource::close);
    }
    if (database != null) {
      Clusters.dropGaleraDatabase(database);
    }
  }

  private static List<HotCounterRepository> repositories(List<? extends DataSource> sources) {
    return sources.stream().map(HotCounterRepository::new).toList();
  }

  /** A fresh row {@code id}, inserted on node 1 and awaited on every node. */
  private static void freshRow(long id) throws Exception {
    HotCounterRepository first = new HotCounterRepository(pools.get(0));
    first.findById(id).ifPresent(first::delete);
    first.insert(new HotCounter(id, 0, "nobody", 0));
    for (HikariDataSource pool : pools) {
      HotCounterRepository node = new HotCounterRepository(pool);
      for (int i = 0; node.findById(id).isEmpty(); i++) {
        assertTrue(i < 500, "row " + id + " never reached " + pool.getPoolName());
        Thread.sleep(10);
      }
    }
  }

  interface Increment {
    void run(int thread, HotCounterRepository repository, DataSource node);
  }

  /**
   * THREADS threads, thread t on node t % 3, each making INCREMENTS calls released together; the
   * failures (none expected) are collected.
   */
  private static List<Throwable> race(List<? extends DataSource> nodes, Increment increment)
      throws Exception {
    List<HotCounterRepository> repositories = repositories(nodes);
    return Threads.race(THREADS, INCREMENTS, thread -> increment.run(thread,
        repositories.get(thread % nodes.size()), nodes.get(thread % nodes.size())));
  }

  /**
   * Checks the counter against the calls: every call succeeded, the counter holds exactly the
   * successful calls, and the nodes raced.
   */
  private static void assertAllSucceededAndExact(
      String what, long id, List<Throwable> failures, Tally tally) {
    String summary = what + ": " + tally.summary(THREADS * INCREMENTS) + ", " + failures.size()
        + " failed";
    System.out.println("[optilock figures] galera " + summary);
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(summary + "; first: " + failures.get(0));
      failures.stream().limit(3).forEach(error::addSuppressed);
      throw error;
    }
    int succeeded = THREADS * INCREMENTS - failures.size();
    HotCounter row = new HotCounterRepository(pools.get(0)).findById(id).orElseThrow();
    assertEquals(succeeded, row.hits(), "lost or doubled increments: " + summary);
    assertEquals(succeeded + 1, row.version(), summary);
    assertTrue(tally.conflicts() + tally.transientFailures() > 0,
        "the nodes never raced, so this tested nothing: " + summary);
  }

  @Test
  @Order(1)
  void hotRowWithTheDefaultRetryPolicyEveryCallSucceeds() throws Exception {
    freshRow(1);
    try (Tally tally = new Tally()) {
      List<Throwable> failures = race(pools, (thread, repository, node) ->
          repository.modify(1L, c -> c.incremented("t" + thread)));
      assertAllSucceededAndExact("modify, default policy", 1, failures, tally);
    }
  }

  @Test
  @Order(3)
  void hotRowWithoutGalerasOwnAutocommitRetry() throws Exception {
    freshRow(2);
    // wsrep_retry_autocommit=0: Galera no longer retries a certification failure of an
    // auto-commit statement itself, so every such failure reaches optilock as 1213
    List<HikariDataSource> noRetry =
        Clusters.galeraPools(database, "SET SESSION wsrep_retry_autocommit = 0", THREADS);
    RetryPolicy policy = RetryPolicy.defaults();
    try (Tally tally = new Tally()) {
      List<Throwable> failures = race(noRetry, (thread, repository, node) ->
          repository.modify(2L, c -> c.incremented("t" + thread), policy));
      assertAllSucceededAndExact("modify, default policy, wsrep_retry_autocommit=0", 2, failures,
          tally);
      assertTrue(tally.transientFailures() > 0, "no 1213 reached optilock: " + tally.summary(0));
    } finally {
      noRetry.forEach(HikariDataSource::close);
    }
  }

  @Test
  @Order(4)
  void hotRowInRetriedTransactions() throws Exception {
    freshRow(3);
    RetryPolicy policy = RetryPolicy.defaults();
    try (Tally tally = new Tally()) {
      List<Throwable> failures = race(pools, (thread, repository, node) ->
          Transactions.call(node, policy, () -> {
            HotCounter read = repository.findById(3L).orElseThrow();
            return repository.update(read.incremented("t" + thread));
          }));
      assertAllSucceededAndExact("Transactions.call(ds, default policy, findById + update)", 3,
          failures, tally);
    }
  }

  @Test
  @Order(5)
  void updateAllAcrossNodesReportsConflictsPerRow() throws Exception {
    int rows = 10;
    int rounds = 15;
    HotCounterRepository first = new HotCounterRepository(pools.get(0));
    List<HotCounter> initial = new ArrayList<>();
    for (long id = 100; id < 100 + rows; id++) {
      freshRow(id);
      initial.add(first.findById(id).orElseThrow());
    }
    List<HotCounterRepository> repositories = repositories(pools);
    Map<Long, AtomicInteger> written = new ConcurrentHashMap<>();
    AtomicLong conflicts = new AtomicLong();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier barrier = new CyclicBarrier(pools.size());
    ExecutorService executor = Executors.newFixedThreadPool(pools.size());
    RetryPolicy policy = RetryPolicy.defaults();
    try (Tally tally = new Tally()) {
      List<Future<?>> done = new ArrayList<>();
      for (int n = 0; n < pools.size(); n++) {
        int node = n;
        done.add(executor.submit(() -> {
          for (int round = 0; round < rounds; round++) {
            // every node reads the rows, then all write them at once: the losers' rows conflict
            List<HotCounter> read = new ArrayList<>();
            for (HotCounter row : initial) {
              read.add(repositories.get(node).findById(row.id()).orElseThrow());
            }
            barrier.await();
            try {
              BatchResult<HotCounter> result = Transactions.call(pools.get(node), policy, () ->
                  repositories.get(node).updateAll(
                      read.stream().map(c -> c.incremented("n" + node)).toList(),
                      ConflictPolicy.SKIP_CONFLICTS));
              result.updated().forEach(c ->
                  written.computeIfAbsent(c.id(), k -> new AtomicInteger()).incrementAndGet());
              conflicts.addAndGet(result.conflicts().size());
              assertEquals(rows, result.updated().size() + result.conflicts().size());
            } catch (DataAccessException | AssertionError e) {
              failures.add(e);
            }
            barrier.await();
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(5, TimeUnit.MINUTES);
      }
      String summary = "updateAll, 3 nodes x " + rounds + " rounds x " + rows + " rows: "
          + conflicts.get() + " rows reported as conflicts, " + tally.transientFailures()
          + " transient failures, " + tally.retries() + " retries, " + failures.size() + " failed";
      System.out.println("[optilock figures] galera " + summary);
      assertTrue(failures.isEmpty(), summary + ": " + failures);
      for (HotCounter row : initial) {
        int writes = written.getOrDefault(row.id(), new AtomicInteger()).get();
        assertEquals(writes, first.findById(row.id()).orElseThrow().hits(),
            "row " + row.id() + ": " + summary);
      }
      assertTrue(conflicts.get() > 0, "no row ever conflicted: " + summary);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  @Order(6)
  void aNodeKilledMidRun() throws Exception {
    freshRow(4);
    List<HotCounterRepository> repositories = repositories(pools);
    AtomicInteger survivorsDone = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger unknown = new AtomicInteger();
    List<Throwable> survivorFailures = Collections.synchronizedList(new ArrayList<>());
    int threads = 6;
    int calls = 60;
    AtomicInteger progress = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        int node = t % 3;
        done.add(executor.submit(() -> {
          for (int i = 0; i < calls; i++) {
            try {
              repositories.get(node).modify(4L, c -> c.incremented("t" + thread));
              succeeded.incrementAndGet();
              progress.incrementAndGet();
            } catch (DataAccessException e) {
              if (node != 2) {
                survivorFailures.add(e);
              } else {
                if (e.outcomeUnknown()) {
                  unknown.incrementAndGet();
                }
                return null; // node 3 is gone: its callers stop
              }
            } catch (RuntimeException e) {
              (node == 2 ? new ArrayList<Throwable>() : survivorFailures).add(e);
              if (node == 2) {
                return null;
              }
            }
          }
          if (node != 2) {
            survivorsDone.incrementAndGet();
          }
          return null;
        }));
      }
      while (progress.get() < 40) {
        Thread.sleep(5);
      }
      Clusters.Result killed = Clusters.run(Clusters.script(Clusters.Kind.GALERA), 30, "kill", "3");
      assertEquals(0, killed.exitCode(), killed.output());
      for (Future<?> future : done) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      executor.shutdownNow();
      // bring node 3 back for whatever runs next (a restart joins with IST, about 10 s)
      Clusters.run(Clusters.script(Clusters.Kind.GALERA), "start", 180);
    }
    HotCounter row = repositories.get(0).findById(4L).orElseThrow();
    String summary = "node 3 killed mid-run: " + succeeded.get() + " calls succeeded, "
        + unknown.get() + " with outcome unknown on node 3, " + survivorFailures.size()
        + " failures on nodes 1-2, counter " + row.hits();
    System.out.println("[optilock figures] galera " + summary);
    assertTrue(survivorFailures.isEmpty(), summary + ": " + survivorFailures);
    assertEquals(4, survivorsDone.get(), summary);
    // every successful call is in the counter; a call whose outcome is unknown may be too
    assertTrue(row.hits() >= succeeded.get() && row.hits() <= succeeded.get() + unknown.get(),
        summary);
  }
}
