package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * {@link RetryPolicy} on its own: the bounds of its random pauses, that {@code run} really pauses
 * between attempts, and what an interrupt does. (How {@code modify} uses it against real rows is
 * tested end to end in the samples' {@code RetryTest}.)
 */
class RetryPolicyTest {
  /** Enough draws that a value allowed with probability 1/2 or more shows up (miss: 2^-400). */
  private static final int DRAWS = 400;

  @TempDir Path dir;

  /** A database no attempt touches: outside a transaction, {@code run} only asks whether it is in one. */
  private Database database() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("retry.db"));
    return Database.of(dataSource);
  }

  private static RecordModifiedException conflict(int n) {
    return new RecordModifiedException(String.class, n, 1L, 2L, "t", "version");
  }

  @Test
  void oneAttemptIsAllowedAndFewerAreRefused() {
    assertEquals(1, RetryPolicy.attempts(1).maxAttempts());
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(0));
    assertEquals("maxAttempts must be at least 1, was 0", zero.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ZERO, Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> new RetryPolicy(3, null, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> new RetryPolicy(3, Duration.ZERO, null));
    assertEquals(new RetryPolicy(30, Duration.ofMillis(2), Duration.ofMillis(200)),
        RetryPolicy.defaults());
    assertEquals(new RetryPolicy(4, Duration.ofMillis(2), Duration.ofMillis(200)),
        RetryPolicy.attempts(4));
  }

  /** The largest and the smallest of {@link #DRAWS} pauses, in nanoseconds. */
  private static long[] range(RetryPolicy policy, int attempt) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < DRAWS; i++) {
      long nanos = policy.backoff(attempt).toNanos();
      min = Math.min(min, nanos);
      max = Math.max(max, nanos);
    }
    return new long[] {min, max};
  }

  @Test
  void thePauseIsDrawnFromZeroToTheCapBothIncluded() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofNanos(1), Duration.ofSeconds(1));
    // the first pause: 0 or 1 ns, each with probability 1/2
    assertEquals(0, range(policy, 1)[0]);
    assertEquals(1, range(policy, 1)[1]);
  }

  @Test
  void theCapDoublesWithEachAttempt() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofNanos(8), Duration.ofSeconds(1));
    for (int attempt = 1; attempt <= 6; attempt++) {
      long cap = 8L << (attempt - 1);
      long[] range = range(policy, attempt);
      assertTrue(range[1] <= cap, "attempt " + attempt + ": " + range[1] + " ns above the cap " + cap);
      assertTrue(range[1] > cap / 2, "attempt " + attempt + ": never above half the cap " + cap);
      assertTrue(range[0] < cap / 2, "attempt " + attempt + ": never below half the cap " + cap);
    }
  }

  @Test
  void theCapStopsDoublingAfterTwentyDoublings() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofNanos(1), Duration.ofDays(1));
    for (int attempt : new int[] {21, 22, 40, Integer.MAX_VALUE}) {
      long[] range = range(policy, attempt);
      assertTrue(range[1] <= 1L << 20, "attempt " + attempt + ": " + range[1] + " ns above 2^20");
      assertTrue(range[1] > 1L << 19, "attempt " + attempt + ": never above 2^19 ns");
    }
    long[] twenty = range(policy, 20);
    assertTrue(twenty[1] <= 1L << 19 && twenty[1] > 1L << 18, "attempt 20: up to 2^19 ns");
  }

  @Test
  void theMaximumCapsEveryPauseEvenWhenDoublingOverflows() {
    RetryPolicy capped = new RetryPolicy(5, Duration.ofNanos(1000), Duration.ofNanos(1500));
    long[] second = range(capped, 2);
    assertTrue(second[1] <= 1500 && second[1] > 750, "capped at 1500 ns: " + second[1]);
    // 2^62 ns doubled overflows a long: the pause is still the maximum's, not zero or negative
    RetryPolicy huge = new RetryPolicy(5, Duration.ofNanos(1L << 62), Duration.ofSeconds(1));
    long[] overflowed = range(huge, 2);
    assertTrue(overflowed[0] >= 0, "negative pause " + overflowed[0]);
    assertTrue(overflowed[1] <= 1_000_000_000L && overflowed[1] > 500_000_000L,
        "capped at 1 s: " + overflowed[1]);
  }

  @Test
  void zeroBackoffsNeverPause() {
    RetryPolicy none = new RetryPolicy(5, Duration.ZERO, Duration.ofSeconds(1));
    assertEquals(0, range(none, 1)[1]);
    assertEquals(0, range(none, 3)[1]);
    RetryPolicy noMax = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ZERO);
    assertEquals(0, range(noMax, 1)[1]);
  }

  @Test
  void runRetriesUntilAWriteSucceedsAndPausesBetweenAttempts() {
    // eight pauses of up to 100 ms each: all eight together below 20 ms has probability ~6e-11
    RetryPolicy policy = new RetryPolicy(9, Duration.ofMillis(100), Duration.ofMillis(100));
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    long start = System.nanoTime();
    String result = policy.run(database(), () -> "v" + loads.incrementAndGet(), s -> s + "!",
        s -> {
          if (writes.incrementAndGet() < 9) {
            throw conflict(writes.get());
          }
          return s;
        });
    long elapsed = System.nanoTime() - start;
    assertEquals("v9!", result);
    assertEquals(9, loads.get());
    assertTrue(elapsed >= Duration.ofMillis(20).toNanos(),
        "eight retries took " + elapsed / 1_000_000 + " ms: run did not pause between them");
  }

  @Test
  void runGivesUpWithTheLastConflictAfterMaxAttempts() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);
    AtomicInteger writes = new AtomicInteger();
    RecordModifiedException last = assertThrows(RecordModifiedException.class,
        () -> policy.run(database(), () -> "row", s -> s, s -> {
          throw conflict(writes.incrementAndGet());
        }));
    assertEquals(3, writes.get());
    assertEquals(3, last.id());
  }

  @Test
  void anInterruptDuringThePauseEndsTheRetriesWithTheConflict() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(50));
    AtomicInteger writes = new AtomicInteger();
    Database database = database();
    Thread.currentThread().interrupt();
    try {
      RecordModifiedException thrown = assertThrows(RecordModifiedException.class,
          () -> policy.run(database, () -> "row", s -> s, s -> {
            throw conflict(writes.incrementAndGet());
          }));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
      assertEquals(1, writes.get(), "no retry after the interrupt");
      assertEquals(1, thrown.id());
      assertEquals(1, thrown.getSuppressed().length);
      assertInstanceOf(InterruptedException.class, thrown.getSuppressed()[0]);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aChangeThatReturnsNullIsAnError() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> RetryPolicy.defaults().run(database(), () -> "row", s -> null, s -> s));
    assertEquals("change returned null", e.getMessage());
  }

  @Test
  void insideATransactionThereIsOneAttemptOnly() {
    Database database = database();
    AtomicInteger writes = new AtomicInteger();
    RecordModifiedException first = conflict(1);
    RecordModifiedException thrown = assertThrows(RecordModifiedException.class,
        () -> Transactions.run(database.dataSource(), () ->
            RetryPolicy.attempts(5).run(database, () -> "row", s -> s, s -> {
              writes.incrementAndGet();
              throw first;
            })));
    assertSame(first, thrown);
    assertEquals(1, writes.get());
  }
}
