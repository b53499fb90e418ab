package dev.optilock.samples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.ReadReplicas;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.TransientDataAccessException;
import dev.optilock.samples.reliability.HotCounter;
import dev.optilock.samples.reliability.HotCounterRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A PostgreSQL primary with a streaming hot standby (scripts/pg-standby.sh): reads routed to the
 * standby with {@link ReadReplicas}, compare-and-set writes on the primary. A stale read from the
 * lagging standby becomes a conflict, never a lost update; a write sent to the standby fails at
 * once with a message that says so. The figures printed are quoted in docs/clusters.md.
 */
@ExtendWith(Clusters.PgStandby.class)
class PgStandbyTest {
  private static String schema;
  private static HikariDataSource primary;
  private static HikariDataSource standby;

  @BeforeAll
  static void pair() throws SQLException, InterruptedException {
    schema = Clusters.pgSchema("standby");
    primary = Clusters.pgPool(Clusters.PG_PRIMARY, schema, 8);
    try (Connection connection = primary.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE hot_counter (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL,"
          + " last_writer TEXT, version BIGINT NOT NULL)");
    }
    // the schema reaches the standby through the WAL: wait for it before pooling there
    for (int i = 0; ; i++) {
      try (Connection connection = java.sql.DriverManager.getConnection(
              Clusters.PG_STANDBY, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT 1 FROM " + schema + ".hot_counter");
        break;
      } catch (SQLException notYet) {
        assertTrue(i < 500, "the table never reached the standby: " + notYet);
        Thread.sleep(10);
      }
    }
    standby = Clusters.pgPool(Clusters.PG_STANDBY, schema, 8);
  }

  @AfterAll
  static void drop() {
    if (standby != null) {
      standby.close();
    }
    if (primary != null) {
      primary.close();
    }
    if (schema != null) {
      Clusters.dropPgSchema(schema);
    }
  }

  private static void freshRow(long id) throws InterruptedException {
    HotCounterRepository onPrimary = new HotCounterRepository(primary);
    onPrimary.findById(id).ifPresent(onPrimary::delete);
    onPrimary.insert(new HotCounter(id, 0, "nobody", 0));
    HotCounterRepository onStandby = new HotCounterRepository(standby);
    for (int i = 0; onStandby.findById(id).isEmpty(); i++) {
      assertTrue(i < 500, "row " + id + " never reached the standby");
      Thread.sleep(2);
    }
  }

  @Test
  void replicaReadsWithRealLagBecomeConflictsNeverLostUpdates() throws Exception {
    freshRow(1);
    DataSource routed = ReadReplicas.of(primary, standby);
    HotCounterRepository counters = new HotCounterRepository(routed);
    int threads = 4;
    int increments = 25;
    AtomicInteger staleReads = new AtomicInteger();
    AtomicInteger written = new AtomicInteger();
    try (Tally tally = new Tally()) {
      // read from the standby, compare-and-set on the primary, until it takes
      List<Throwable> failures = Threads.race(threads, increments, thread -> {
        for (int attempt = 1; ; attempt++) {
          assertTrue(attempt < 10_000, "never caught up");
          HotCounter read = counters.findById(1L).orElseThrow();
          try {
            counters.update(read.incremented("t" + thread));
            written.incrementAndGet();
            return;
          } catch (RecordModifiedException stale) {
            staleReads.incrementAndGet();
          }
        }
      });
      HotCounter row = new HotCounterRepository(primary).findById(1L).orElseThrow();
      String summary = "standby reads + primary compare-and-set, " + threads + " threads x "
          + increments + ": " + written.get() + " written, " + staleReads.get()
          + " conflicts (stale or raced reads), counter " + row.hits() + ", " + failures.size()
          + " failed";
      System.out.println("[optilock figures] pg " + summary);
      assertTrue(failures.isEmpty(), summary + ": " + failures);
      assertEquals(threads * increments, written.get(), summary);
      assertEquals(threads * increments, row.hits(), "lost or doubled updates: " + summary);
      assertEquals(staleReads.get(), tally.conflicts(), summary);
      assertTrue(staleReads.get() > 0, "no read was ever stale: " + summary);
      assertTrue(standby.getHikariPoolMXBean().getTotalConnections() > 0,
          "no read went to the standby");
    }
  }

  @Test
  void modifyOnReadReplicasReadsThePrimary() throws Exception {
    freshRow(2);
    HotCounterRepository counters = new HotCounterRepository(ReadReplicas.of(primary, standby));
    int calls = 0;
    try (Tally tally = new Tally()) {
      for (int i = 0; i < 50; i++) {
        counters.modify(2L, c -> c.incremented("single"));
        calls++;
      }
      // one writer, reading the primary: never a stale read, so never a conflict or retry, even
      // though the standby lags behind every write
      assertEquals(0, tally.conflicts(), tally.summary(calls));
      assertEquals(0, tally.retries(), tally.summary(calls));
    }
    assertEquals(50, new HotCounterRepository(primary).findById(2L).orElseThrow().hits());
  }

  @Test
  void standbyLagIsReal() throws Exception {
    freshRow(3);
    HotCounterRepository onPrimary = new HotCounterRepository(primary);
    HotCounterRepository onStandby = new HotCounterRepository(standby);
    long[] lags = new long[100];
    int seenStale = 0;
    HotCounter row = onPrimary.findById(3L).orElseThrow();
    for (int i = 0; i < lags.length; i++) {
      row = onPrimary.update(row.incremented("lag"));
      long written = System.nanoTime();
      boolean first = true;
      while (onStandby.findById(3L).orElseThrow().version() < row.version()) {
        if (first) {
          seenStale++;
          first = false;
        }
        Thread.onSpinWait();
      }
      lags[i] = System.nanoTime() - written;
    }
    Arrays.sort(lags);
    // and under a steady stream of writes: how often does the standby, read right after the
    // primary, hold an older version than the primary just showed?
    int samples = 200;
    int behind = 0;
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      HotCounter start = row;
      Future<?> writes = writer.submit(() -> {
        HotCounter current = start;
        while (writing.get()) {
          current = onPrimary.update(current.incremented("stream"));
        }
        return null;
      });
      for (int i = 0; i < samples; i++) {
        long onPrimaryNow = onPrimary.findById(3L).orElseThrow().version();
        if (onStandby.findById(3L).orElseThrow().version() < onPrimaryNow) {
          behind++;
        }
      }
      writing.set(false);
      writes.get(1, TimeUnit.MINUTES);
    } finally {
      writing.set(false);
      writer.shutdownNow();
    }
    String summary = String.format("standby lag after a commit on the primary: p50 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms; %d of %d first reads stale; under a stream of writes the"
            + " standby was behind the primary in %d of %d reads", lags[49] / 1e6, lags[98] / 1e6,
        lags[99] / 1e6, seenStale, lags.length, behind, samples);
    System.out.println("[optilock figures] pg " + summary);
    assertTrue(seenStale + behind > 0, "the standby was never behind: " + summary);
  }

  @Test
  void aWriteSentToTheStandbyFailsClearlyWithoutRetry() throws Exception {
    freshRow(4);
    HotCounterRepository onStandby = new HotCounterRepository(standby);
    HotCounter read = onStandby.findById(4L).orElseThrow();
    AtomicInteger changes = new AtomicInteger();
    try (Tally tally = new Tally()) {
      DataAccessException failure = assertThrows(DataAccessException.class,
          () -> onStandby.modify(4L, c -> {
            changes.incrementAndGet();
            return c.incremented("standby");
          }));
      assertFalse(failure instanceof TransientDataAccessException, failure.getMessage());
      assertEquals("25006", failure.sqlState());
      assertTrue(failure.getMessage().contains("read-only server"), failure.getMessage());
      assertTrue(failure.getMessage().contains("primary"), failure.getMessage());
      assertFalse(failure.outcomeUnknown());
      assertEquals(1, changes.get(), "modify retried a write on a read-only server");
      assertEquals(0, tally.retries());
      assertThrows(DataAccessException.class, () -> onStandby.update(read.incremented("x")));
    }
    assertEquals(0, new HotCounterRepository(primary).findById(4L).orElseThrow().hits());
  }

  @Test
  void aRecoveryConflictOnTheStandbyIsTransientAndTheTransactionRunsAgain() throws Exception {
    freshRow(6);
    // a transaction at REPEATABLE READ on the standby holds its snapshot; the primary then removes
    // row versions that snapshot may need (UPDATE + VACUUM); after max_standby_streaming_delay (1 s,
    // scripts/pg-standby.sh) the standby ends the session with 40001 "terminating connection due
    // to conflict with recovery"
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(Clusters.PG_STANDBY);
    config.setUsername("postgres");
    config.setSchema(schema);
    config.setMaximumPoolSize(2);
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    HotCounterRepository onPrimary = new HotCounterRepository(primary);
    AtomicInteger attempts = new AtomicInteger();
    try (HikariDataSource snapshotPool = new HikariDataSource(config);
        Tally tally = new Tally()) {
      HotCounterRepository onStandby = new HotCounterRepository(snapshotPool);
      HotCounter seen = dev.optilock.runtime.Transactions.call(snapshotPool,
          dev.optilock.runtime.RetryPolicy.attempts(3), () -> {
            HotCounter first = onStandby.findById(6L).orElseThrow();
            if (attempts.incrementAndGet() == 1) {
              HotCounter row = onPrimary.findById(6L).orElseThrow();
              for (int i = 0; i < 3; i++) {
                row = onPrimary.update(row.incremented("vacuumed"));
              }
              try (Connection connection = primary.getConnection();
                  Statement statement = connection.createStatement()) {
                statement.execute("VACUUM hot_counter");
                Thread.sleep(3_000);
              } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            HotCounter again = onStandby.findById(6L).orElseThrow();
            assertEquals(first.version(), again.version(), "REPEATABLE READ snapshot moved");
            return again;
          });
      String summary = "recovery conflict on the standby: " + attempts.get() + " attempts, "
          + tally.transientFailures() + " transient failures";
      System.out.println("[optilock figures] pg " + summary);
      assertEquals(2, attempts.get(), summary);
      List<String> causes = tally.transientCauses();
      assertEquals(1, causes.size(), summary);
      // (the cause text can read back as null: JDK 17's JFR string pool, see Tally)
      assertTrue(causes.get(0).startsWith("40001 ") && (causes.get(0).endsWith(" null")
          || causes.get(0).contains("conflict with recovery")), causes.toString());
      assertEquals(3, seen.hits(), "the second attempt's snapshot sees the primary's updates");
    }
  }
}
