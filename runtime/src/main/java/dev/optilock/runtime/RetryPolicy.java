package dev.optilock.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How {@code modify} (and {@link Transactions#call(javax.sql.DataSource, RetryPolicy, Supplier)})
 * retries after a conflict or a {@link TransientDataAccessException transient failure}: at most
 * {@code maxAttempts} attempts, sleeping a random time ("full jitter") between zero and {@code
 * initialBackoff * 2^(attempt-1)}, capped at {@code maxBackoff}, before each retry. Jitter keeps competing writers from retrying in lockstep.
 *
 * @param maxAttempts how many times to load, change and write before giving up; at least 1
 * @param initialBackoff the cap of the first pause
 * @param maxBackoff the cap of every pause
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(30, Duration.ofMillis(2), Duration.ofMillis(200));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoffs cannot be negative");
    }
  }

  /**
   * 30 attempts, pauses up to 2 ms, doubling, never above 200 ms. A conflict always means that
   * another writer succeeded, so retrying is never a livelock; 30 attempts see a hot row through
   * eight writers on three Galera nodes (the cluster tests needed up to 14), and sleep at most
   * about 4.7 s in all.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** The default pauses with another number of attempts. */
  public static RetryPolicy attempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, DEFAULTS.initialBackoff, DEFAULTS.maxBackoff);
  }

  /** The pause before attempt {@code attempt + 1}, after {@code attempt} failures; random. */
  public Duration backoff(int attempt) {
    long cap = initialBackoff.toNanos() << Math.min(attempt - 1, 20);
    cap = Math.min(cap < 0 ? Long.MAX_VALUE : cap, maxBackoff.toNanos());
    return cap <= 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap + 1));
  }

  /**
   * Loads, changes and writes until a write succeeds, for generated {@code modify} methods. A
   * {@link RecordModifiedException} (a conflict) or a {@link TransientDataAccessException} of the
   * load or the write (the database rolled the statement back because of a race: a deadlock, a
   * serialization failure, a Galera certification failure) starts the next attempt, after a pause.
   * The loads run on the primary even on a {@link ReadReplicas} data source: a lagging replica would
   * hand every attempt the same stale row. Inside a transaction, a {@link Transactions} one or one
   * an external manager such as Spring runs, there is one attempt only: the transaction's snapshot
   * would hand every retry the same stale row, and retrying is the business of whoever runs the
   * whole transaction ({@link Transactions#call(javax.sql.DataSource, RetryPolicy, Supplier)}).
   *
   * @throws RecordModifiedException the last conflict, when every attempt conflicted
   * @throws TransientDataAccessException the last failure, when the last attempt failed so
   */
  public <T> T run(
      Database database, Supplier<T> load, UnaryOperator<T> change, UnaryOperator<T> write) {
    int attempts = maxAttempts > 1 && database.inTransaction() ? 1 : maxAttempts;
    for (int attempt = 1; ; attempt++) {
      try {
        T loaded = database.onPrimary(load);
        T changed = Objects.requireNonNull(change.apply(loaded), "change returned null");
        return write.apply(changed);
      } catch (RecordModifiedException | TransientDataAccessException failure) {
        if (attempt >= attempts) {
          throw failure;
        }
        pause(attempt, failure);
      }
    }
  }

  /**
   * Sleeps {@link #backoff(int) backoff(attempt)} before the next attempt, after recording the
   * retry (a JFR event); an interrupt ends the retries with {@code failure}.
   */
  void pause(int attempt, RuntimeException failure) {
    Duration duration = backoff(attempt);
    Events.retry(failure, attempt, duration);
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
      throw failure;
    }
  }
}
