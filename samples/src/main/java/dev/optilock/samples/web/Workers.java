package dev.optilock.samples.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The app's worker threads, which read a request's body, do the app's work and send the answer, none
 * of them waiting for a client longer than a timeout.
 *
 * <p>Jetty reads the request line and the headers itself, without holding a thread, and closes a
 * connection that sends nothing for the client timeout (the connector's idle timeout). Then it hands
 * the request to the app, which passes it to one of these workers. The worker reads the body with
 * blocking reads, runs the route, and writes the answer with blocking writes: as many requests as
 * there are workers are handled at once, and the others wait in the queue.
 *
 * <p>Every request gets a {@link Deadline} when a worker starts on it: the body must have arrived
 * within the timeout, and the answer, whose clock starts when it is sent, must be taken within the
 * timeout as well. When time runs out the request's connection is closed, which ends the blocked read
 * or write with an {@code IOException} and frees the worker. The clock is stopped while the app does
 * its own work, such as the database's, so that is never cut short.
 */
final class Workers {
  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor clock;
  private final Duration timeout;

  /** {@code threads} workers, each waiting at most {@code timeout} for a client. */
  Workers(int threads, Duration timeout) {
    this.timeout = timeout;
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("admin-http-"));
    this.clock = new ScheduledThreadPoolExecutor(1, daemonThreads("admin-http-timeouts-"));
    clock.setRemoveOnCancelPolicy(true);
  }

  /**
   * Runs {@code task} (reading and handling one request) on a worker, with a deadline running whose
   * end calls {@code cutOff}, which closes the request's connection.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #shutdown}
   */
  void execute(Runnable cutOff, Consumer<Deadline> task) {
    pool.execute(() -> {
      Deadline deadline = new Deadline(cutOff);
      try {
        deadline.start();
        task.accept(deadline);
      } catch (IOException e) {
        // never: a fresh deadline has not run out
        throw new IllegalStateException(e);
      } finally {
        deadline.end();
      }
    });
  }

  /** Stops taking requests and waits up to {@code wait} for those being handled. */
  void shutdown(Duration wait) {
    pool.shutdown();
    try {
      pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clock.shutdownNow();
    }
  }

  /**
   * The clock of one request on one worker: running while the worker waits for the client, stopped
   * while the app works. Once it has run out, the connection is closed and every further {@link
   * #start} or {@link #stop} throws.
   */
  final class Deadline {
    private final Runnable cutOff;
    private ScheduledFuture<?> alarm;
    /** Which start the alarm belongs to: an alarm that fires while being cancelled must not hit the next. */
    private long started;
    private boolean expired;

    private Deadline(Runnable cutOff) {
      this.cutOff = cutOff;
    }

    /** Starts the clock anew, with the whole timeout: the worker is about to wait for the client. */
    synchronized void start() throws IOException {
      checkNotExpired();
      cancelAlarm();
      long start = ++started;
      alarm = clock.schedule(() -> expire(start), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the clock: the worker is done waiting for the client.
     *
     * @throws SocketTimeoutException when time ran out first (the connection is closed)
     */
    synchronized void stop() throws IOException {
      cancelAlarm();
      checkNotExpired();
    }

    private void expire(long start) {
      synchronized (this) {
        if (alarm == null || start != started) {
          return;
        }
        alarm = null;
        expired = true;
      }
      // outside the lock: closing the connection wakes the worker, which may be about to stop()
      cutOff.run();
    }

    /** After the task, on the worker: no cut-off can follow. */
    private synchronized void end() {
      cancelAlarm();
    }

    private void cancelAlarm() {
      if (alarm != null) {
        alarm.cancel(false);
        alarm = null;
      }
    }

    private void checkNotExpired() throws SocketTimeoutException {
      if (expired) {
        throw new SocketTimeoutException("the client did not send its request, or take its answer,"
            + " within " + timeout.toMillis() + " ms");
      }
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
