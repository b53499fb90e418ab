package dev.optilock.samples.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The cluster tests' race: threads released together, each making its calls back to back. */
final class Threads {
  /** One call of one thread; a {@link RuntimeException} it throws is a failed call. */
  interface Call {
    void run(int thread) throws Exception;
  }

  private Threads() {}

  /**
   * Runs {@code calls} calls on each of {@code threads} threads, all started at once, and returns
   * the failed calls' exceptions. An {@link AssertionError} or checked exception ends the test.
   */
  static List<Throwable> race(int threads, int calls, Call call) throws Exception {
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(executor.submit(() -> {
          start.await();
          for (int i = 0; i < calls; i++) {
            try {
              call.run(thread);
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      executor.shutdownNow();
    }
    return failures;
  }
}
