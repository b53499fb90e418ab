package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Runs writers against each other: {@code threads} threads, round after round, released together
 * by a {@link CyclicBarrier}. In each round every thread first reads what it will write (while
 * nobody writes, so all of them start from the same rows), waits at the barrier, and then makes its
 * calls; each call is recorded as an {@link Outcome}. Between rounds, with every thread idle, the
 * test checks what the round's calls reported against what the database holds.
 *
 * <p>A race counts as having collided when some call was refused as a conflict and two calls of
 * different threads on the same row were in flight at the same time. It runs at least {@code
 * minRounds} rounds and more until it collided, up to {@code maxRounds}; a race that never
 * collided fails, since it would have tested nothing. Nothing here sleeps: the barrier and the
 * rows' versions make the collisions, and the checks read what was stored.
 */
final class Race {
  private Race() {}

  /** What a call reported about one row. */
  enum Kind {
    /** Returned normally: the row holds this call's write, at {@link Outcome#version()}. */
    WRITTEN,
    /** Returned normally: the row is deleted. */
    DELETED,
    /** Refused as a conflict (or undone with a batch that was): nothing written. */
    CONFLICT,
    /** Anything else: an exception no race should cause, or a report that contradicts itself. */
    FAILED
  }

  /**
   * One call's report about one row.
   *
   * @param checked whether the call compared versions (false for unchecked writes)
   * @param expected the version the caller's copy carried (canonical form, see RaceSubject)
   * @param version the row's new version, for {@link Kind#WRITTEN}
   * @param token the unique value the call wrote into the row's token column
   * @param problem for {@link Kind#FAILED}: what went wrong
   */
  record Outcome(
      int thread, int round, String call, String row, Kind kind, boolean checked, Object expected,
      Object version, int token, String problem, long startNanos, long endNanos) {

    boolean succeeded() {
      return kind == Kind.WRITTEN || kind == Kind.DELETED;
    }

    @Override
    public String toString() {
      return call + "#" + token + " (thread " + thread + ", round " + round + ", row " + row + ", "
          + kind + (checked ? ", from version " + expected : ", unchecked")
          + (kind == Kind.WRITTEN ? ", to " + version : "") + (problem == null ? "" : ": " + problem)
          + ")";
    }
  }

  /** One thread's share of a round: reads, calls {@code barrier.run()}, then writes. */
  @FunctionalInterface
  interface Part {
    List<Outcome> run(int thread, int round, Runnable barrier) throws Exception;
  }

  /** Checks one round's outcomes against the database; throws an AssertionError on a mismatch. */
  @FunctionalInterface
  interface Check {
    void check(int round, List<Outcome> outcomes);
  }

  /** What a whole race did. */
  static final class Totals {
    int rounds;
    long calls;
    long written;
    long deleted;
    long conflicts;
    /** Pairs of calls of different threads on the same row that were in flight at once. */
    long overlaps;
    long millis;

    boolean collided() {
      return conflicts > 0 && overlaps > 0;
    }

    void add(List<Outcome> outcomes) {
      rounds++;
      for (Outcome outcome : outcomes) {
        calls++;
        switch (outcome.kind()) {
          case WRITTEN -> written++;
          case DELETED -> deleted++;
          case CONFLICT -> conflicts++;
          case FAILED -> { }
        }
      }
      overlaps += overlaps(outcomes);
    }

    @Override
    public String toString() {
      return "rounds=" + rounds + " calls=" + calls + " written=" + written + " deleted=" + deleted
          + " conflicts=" + conflicts + " overlaps=" + overlaps + " ms=" + millis;
    }
  }

  /**
   * Runs the race: before each round {@code prepare}, then every thread's {@code part}, then {@code
   * check} with the round's outcomes.
   *
   * @throws AssertionError when a check fails, a thread throws, or the race never collided
   */
  static Totals run(
      int threads, int minRounds, int maxRounds, IntConsumer prepare, Part part, Check check)
      throws InterruptedException {
    Totals totals = new Totals();
    long began = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < maxRounds && (round < minRounds || !totals.collided()); round++) {
        prepare.accept(round);
        CyclicBarrier barrier = new CyclicBarrier(threads);
        Runnable await = () -> {
          try {
            barrier.await(60, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("the barrier broke", e);
          }
        };
        List<Future<List<Outcome>>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          int r = round;
          parts.add(pool.submit(() -> part.run(thread, r, await)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> future : parts) {
          try {
            outcomes.addAll(future.get(120, TimeUnit.SECONDS));
          } catch (ExecutionException e) {
            barrier.reset();
            throw new AssertionError("a racing thread failed in round " + round, e.getCause());
          } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("round " + round + " did not finish in 120 s", e);
          }
        }
        totals.add(outcomes);
        check.check(round, outcomes);
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "racing threads did not stop");
    }
    totals.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    if (!totals.collided()) {
      fail("the threads never collided in " + totals.rounds + " rounds (" + totals
          + "): the race tested nothing");
    }
    return totals;
  }

  /**
   * Pairs of threads whose calls on the same row were in flight at the same time, in one round:
   * proof that the writers really ran against each other, not one after another.
   */
  static long overlaps(List<Outcome> outcomes) {
    // per row, per thread: the span from its first call's start to its last call's end
    Map<String, Map<Integer, long[]>> spans = new TreeMap<>();
    for (Outcome o : outcomes) {
      long[] span = spans.computeIfAbsent(o.row(), r -> new TreeMap<>())
          .computeIfAbsent(o.thread(), t -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      span[0] = Math.min(span[0], o.startNanos());
      span[1] = Math.max(span[1], o.endNanos());
    }
    long pairs = 0;
    for (Map<Integer, long[]> byThread : spans.values()) {
      List<long[]> list = new ArrayList<>(byThread.values());
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          if (list.get(i)[0] < list.get(j)[1] && list.get(j)[0] < list.get(i)[1]) {
            pairs++;
          }
        }
      }
    }
    return pairs;
  }
}
