package dev.optilock;

/**
 * How a {@link VersionField} gets its next value. {@link #DEFAULT} picks by the field's type.
 *
 * <table>
 *   <caption>Strategies and the types they accept</caption>
 *   <tr><th>strategy</th><th>types</th><th>new version on every write</th></tr>
 *   <tr><td>{@link #INCREMENT}</td><td>int, long, Integer, Long</td><td>previous + 1</td></tr>
 *   <tr><td>{@link #TIMESTAMP}</td><td>Instant, LocalDateTime (UTC), OffsetDateTime (UTC); long as
 *       microseconds since the epoch</td><td>max(now, previous + 1 µs), in microseconds</td></tr>
 *   <tr><td>{@link #RANDOM}</td><td>UUID</td><td>a fresh random UUID</td></tr>
 *   <tr><td>{@link #TRIGGER}</td><td>int, long, Integer, Long</td><td>previous + 1, by a database
 *       trigger</td></tr>
 * </table>
 */
public enum VersionStrategy {
  /**
   * Chosen from the type: {@link #INCREMENT} for int/long and their boxes, {@link #TIMESTAMP} for
   * Instant, LocalDateTime and OffsetDateTime, {@link #RANDOM} for UUID.
   */
  DEFAULT,
  /** A counter: 1 on insert, one more on every successful update. */
  INCREMENT,
  /**
   * A timestamp that always moves forward, even when the clock does not: {@code max(now, previous +
   * 1 microsecond)}, truncated to microseconds so that every database stores it exactly.
   */
  TIMESTAMP,
  /** A fresh random UUID on every write. */
  RANDOM,
  /**
   * The database owns the version: a {@code BEFORE UPDATE} trigger (or its SQLite equivalent)
   * increments it on every UPDATE, including updates made outside the application. Generated
   * updates never write the column; they check it and read the new value back. The repository's
   * {@code createTriggers()} installs the trigger.
   */
  TRIGGER
}
