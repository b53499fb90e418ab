package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Sixteen writers and four readers on four hot rows, through a HikariCP pool of twenty, on every
 * database. Each writer increments counters by read-modify-write in one of three ways: {@code
 * modify} (the repository retries), {@code findById} + {@code update} (the caller catches {@link
 * RecordModifiedException} and reloads), and {@code findById} + {@code tryUpdate}. Readers check,
 * on every row they see, that no write was torn ({@code hits == version - 1}) and that a row's
 * version never goes back.
 *
 * <p>At the end, for every row: its {@code hits} equals the number of calls that reported success
 * on it (zero lost updates), its version equals {@code 1 + hits}, and the versions those calls
 * returned are exactly {2, ..., hits + 1}: a gapless history with no version handed out twice. The
 * writers must have collided (some compare-and-set conflicted), and at most {@link #MAX_GAVE_UP}
 * {@code modify} calls may have given up.
 */
class ConcurrencyStressTest {
  static final int ROWS = 4;
  static final int WRITERS = 16;
  static final int READERS = 4;
  static final int UPDATES_PER_WRITER = 60;
  /** Generous, so that giving up stays rare; a give-up is counted, and must not write anything. */
  static final RetryPolicy RETRY = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(20));
  /** Calls of {@code modify} that may give up (each writes nothing): a generous bound on rare. */
  static final int MAX_GAVE_UP = 5;
  /** The manual loops' cap: a writer that conflicts this often in a row fails the test. */
  static final int MAX_ATTEMPTS = 10_000;

  @EveryDatabase
  void hotRowsLoseNoUpdateAndKeepAGaplessHistory(TestDatabase db) throws Exception {
    db.fresh("hot_counter");
    try (HikariDataSource pool =
        db.newPool("optilock-stress-" + ProcessHandle.current().pid(), WRITERS + READERS)) {
      HotCounterRepository counters = new HotCounterRepository(pool);
      for (long id = 1; id <= ROWS; id++) {
        counters.insert(new HotCounter(id, 0, null, 0));
      }
      List<Queue<Long>> versions = new ArrayList<>();
      for (int i = 0; i <= ROWS; i++) {
        versions.add(new ConcurrentLinkedQueue<>());
      }
      AtomicLong attempts = new AtomicLong();
      AtomicLong conflicts = new AtomicLong();
      AtomicLong gaveUp = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      AtomicLong rowsRead = new AtomicLong();
      AtomicBoolean writing = new AtomicBoolean(true);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
      long started;
      long elapsedNanos;
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.add(threads.submit(() -> {
            start.await();
            write(counters, writer, versions, attempts, conflicts, gaveUp);
            return null;
          }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
          int reader = r;
          readers.add(threads.submit(() -> {
            start.await();
            read(counters, reader, writing, reads, rowsRead);
            return null;
          }));
        }
        started = System.nanoTime();
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get(120, TimeUnit.SECONDS);
        }
        elapsedNanos = System.nanoTime() - started;
        writing.set(false);
        for (Future<?> reader : readers) {
          reader.get(60, TimeUnit.SECONDS);
        }
      } finally {
        writing.set(false);
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "threads did not stop");
      }

      long successes = 0;
      long lost = 0;
      long gaps = 0;
      List<String> problems = new ArrayList<>();
      for (long id = 1; id <= ROWS; id++) {
        HotCounter stored = counters.findById(id).orElseThrow();
        List<Long> returned = versions.get((int) id).stream().sorted().toList();
        long n = returned.size();
        successes += n;
        lost += Math.abs(n - stored.hits());
        List<Long> expected = LongStream.rangeClosed(2, n + 1).boxed().toList();
        if (!returned.equals(expected) || stored.version() != n + 1) {
          gaps++;
          problems.add("row " + id + ": " + n + " successful updates returned versions "
              + summary(returned) + ", stored version " + stored.version());
        }
        if (stored.hits() != n) {
          problems.add("row " + id + ": " + n + " successful updates but hits = " + stored.hits());
        }
      }
      long attempted = attempts.get();
      Figures.report("stress-" + db.name().toLowerCase(java.util.Locale.ROOT),
          String.format("stress %s: writers=%d readers=%d hotRows=%d pool=%d calls=%d"
                  + " successfulUpdates=%d attempts=%d conflicts=%d retries=%d gaveUp=%d reads=%d"
                  + " rowsRead=%d lostUpdates=%d versionGaps=%d elapsedMs=%d",
              db, WRITERS, READERS, ROWS, WRITERS + READERS, WRITERS * UPDATES_PER_WRITER,
              successes, attempted, conflicts.get(), attempted - WRITERS * UPDATES_PER_WRITER,
              gaveUp.get(), reads.get(), rowsRead.get(), lost, gaps,
              TimeUnit.NANOSECONDS.toMillis(elapsedNanos)));
      assertEquals(List.of(), problems);
      assertEquals(0, lost, "lost updates");
      assertEquals(WRITERS * UPDATES_PER_WRITER, successes + gaveUp.get());
      // the writers really collided: had they run one after another, nothing above was tested
      assertTrue(conflicts.get() > 0, "the writers never conflicted: the stress tested nothing");
      assertTrue(gaveUp.get() <= MAX_GAVE_UP, gaveUp.get() + " modify calls gave up after "
          + RETRY.maxAttempts() + " attempts; at most " + MAX_GAVE_UP + " may");
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "leaked connections");
    }
  }

  /**
   * One writer: {@link #UPDATES_PER_WRITER} increments of random hot rows, cycling through the
   * three read-modify-write styles. Every attempt that reaches the database is counted, every
   * conflict too, and the version every success returned is recorded for its row.
   */
  private static void write(
      HotCounterRepository counters, int writer, List<Queue<Long>> versions, AtomicLong attempts,
      AtomicLong conflicts, AtomicLong gaveUp) {
    Random random = new Random(writer * 7919L);
    String name = "writer-" + writer;
    for (int k = 0; k < UPDATES_PER_WRITER; k++) {
      long id = 1 + random.nextInt(ROWS);
      switch (k % 3) {
        case 0 -> {
          long[] tries = {0};
          try {
            HotCounter written = counters.modify(id, c -> {
              tries[0]++;
              return c.incremented(name);
            }, RETRY);
            versions.get((int) id).add(written.version());
            conflicts.addAndGet(tries[0] - 1);
          } catch (RecordModifiedException exhausted) {
            gaveUp.incrementAndGet();
            conflicts.addAndGet(tries[0]);
          }
          attempts.addAndGet(tries[0]);
        }
        case 1 -> {
          for (int attempt = 1; ; attempt++) {
            HotCounter read = counters.findById(id).orElseThrow();
            attempts.incrementAndGet();
            try {
              versions.get((int) id).add(counters.update(read.incremented(name)).version());
              break;
            } catch (RecordModifiedException conflict) {
              conflicts.incrementAndGet();
              assertEquals(read.version(), conflict.expectedVersion());
              assertTrue(conflict.actualVersion().map(v -> (Long) v > read.version()).orElse(false),
                  "a conflict on a row nobody deletes must report a newer version: " + conflict);
              if (attempt >= MAX_ATTEMPTS) {
                fail(name + " conflicted " + attempt + " times in a row on row " + id);
              }
            }
          }
        }
        default -> {
          for (int attempt = 1; ; attempt++) {
            HotCounter read = counters.findById(id).orElseThrow();
            attempts.incrementAndGet();
            Optional<HotCounter> written = counters.tryUpdate(read.incremented(name));
            if (written.isPresent()) {
              versions.get((int) id).add(written.get().version());
              break;
            }
            conflicts.incrementAndGet();
            if (attempt >= MAX_ATTEMPTS) {
              fail(name + " conflicted " + attempt + " times in a row on row " + id);
            }
          }
        }
      }
    }
  }

  /** One reader: every row seen is whole, and no row's version goes back. */
  private static void read(
      HotCounterRepository counters, int reader, AtomicBoolean writing, AtomicLong reads,
      AtomicLong rowsRead) {
    Random random = new Random(-reader - 1);
    long[] lastSeen = new long[ROWS + 1];
    while (writing.get()) {
      List<HotCounter> seen = random.nextBoolean()
          ? counters.findAll()
          : counters.findById(1 + random.nextInt(ROWS)).map(List::of).orElseThrow();
      reads.incrementAndGet();
      for (HotCounter counter : seen) {
        rowsRead.incrementAndGet();
        assertEquals(counter.version() - 1, counter.hits(), "torn row " + counter);
        int id = (int) counter.id();
        assertTrue(counter.version() >= lastSeen[id],
            "row " + id + " went back from version " + lastSeen[id] + " to " + counter.version());
        lastSeen[id] = counter.version();
      }
    }
  }

  private static String summary(List<Long> versions) {
    return versions.size() <= 12 ? versions.toString()
        : versions.subList(0, 6) + "..." + versions.subList(versions.size() - 6, versions.size());
  }
}
