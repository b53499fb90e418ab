package dev.optilock.samples.web;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's worker threads, none of which waits for a client longer than a timeout.
 *
 * <p>The JDK's server reads a request's line, headers and body on the worker that handles it, with
 * blocking reads and no timeout of its own, so a client that stops sending in the middle of a request
 * holds its worker for good, and as many such clients as workers freeze the app. (The JDK's {@code
 * sun.net.httpserver.maxReqTime} is no cure: it is one setting for the whole JVM, read once, and
 * its clock starts when a request's first byte arrives, so it also cuts off the well-behaved requests
 * that wait in the queue behind the stalled ones.)
 *
 * <p>Here every request gets a {@link Deadline} when a worker starts on it: the request must have
 * arrived within the timeout, and the answer, whose clock starts when it is sent, must be taken within
 * the timeout as well. When time runs out the worker is interrupted, which closes the connection
 * (the JDK's server uses interruptible channels: a blocked read or write ends with a {@code
 * ClosedByInterruptException}) and frees the worker. The clock is stopped while the app does its
 * own work, such as the database's, so that is never interrupted.
 */
final class Workers implements Executor {
  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor clock;
  private final Duration timeout;
  private final ThreadLocal<Deadline> current = new ThreadLocal<>();

  /** {@code threads} workers, each waiting at most {@code timeout} for a client. */
  Workers(int threads, Duration timeout) {
    this.timeout = timeout;
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("admin-http-"));
    this.clock = new ScheduledThreadPoolExecutor(1, daemonThreads("admin-http-timeouts-"));
    clock.setRemoveOnCancelPolicy(true);
  }

  /** Runs one of the server's tasks (reading and handling one request) with its deadline running. */
  @Override
  public void execute(Runnable task) {
    pool.execute(() -> {
      Deadline deadline = new Deadline(Thread.currentThread());
      current.set(deadline);
      try {
        deadline.start();
        task.run();
      } catch (IOException e) {
        // never: a fresh deadline has not run out
        throw new IllegalStateException(e);
      } finally {
        deadline.end();
        current.remove();
      }
    });
  }

  /** The deadline of the request that the calling worker is handling. */
  Deadline deadline() {
    Deadline deadline = current.get();
    if (deadline == null) {
      throw new IllegalStateException("not called on one of the app's workers");
    }
    return deadline;
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
    private final Thread worker;
    private ScheduledFuture<?> alarm;
    /** Which start the alarm belongs to: an alarm that fires while being cancelled must not hit the next. */
    private long started;
    private boolean expired;

    private Deadline(Thread worker) {
      this.worker = worker;
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
     * @throws SocketTimeoutException when time ran out first (the connection is closed, or will be
     *     as soon as the server sees this exception)
     */
    synchronized void stop() throws IOException {
      cancelAlarm();
      checkNotExpired();
    }

    private synchronized void expire(long start) {
      if (alarm != null && start == started) {
        alarm = null;
        expired = true;
        worker.interrupt();
      }
    }

    /** After the task, on the worker: no interrupt can follow, and none is left over for the next task. */
    private synchronized void end() {
      cancelAlarm();
      Thread.interrupted();
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
