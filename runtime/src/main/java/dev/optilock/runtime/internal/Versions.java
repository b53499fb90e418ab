package dev.optilock.runtime.internal;

import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionOverflowException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The next version of each strategy, for generated repositories: counters that never wrap around,
 * timestamps that never go backwards, random tokens.
 */
public final class Versions {
  private static final Clock UTC = Clock.systemUTC();

  private Versions() {}

  /**
   * The version after {@code current}.
   *
   * @throws VersionOverflowException when {@code current} is {@link Integer#MAX_VALUE}
   */
  public static int next(int current) {
    if (current == Integer.MAX_VALUE) {
      throw new VersionOverflowException(largestInt());
    }
    return current + 1;
  }

  private static String largestInt() {
    return "version " + Integer.MAX_VALUE + " is the largest int; widen the version field and column to long";
  }

  private static String largestLong() {
    return "version " + Long.MAX_VALUE + " is the largest long";
  }

  /**
   * The error for an unchecked update of a counter version that changed no row. Its SQL only moves
   * a version below the largest value of its Java type, so the row is either gone ({@code conflict}
   * itself) or still there at that largest value: then a {@link VersionOverflowException}, since
   * the version can't move on without wrapping around.
   *
   * @param conflict what the failure path read: the row as it is now, or its absence
   */
  public static RuntimeException goneOrAtLargest(RecordModifiedException conflict) {
    Object actual = conflict.actualVersion().orElse(null);
    String largest = actual instanceof Integer v && v == Integer.MAX_VALUE ? largestInt()
        : actual instanceof Long v && v == Long.MAX_VALUE ? largestLong()
        : null;
    if (largest == null) {
      return conflict;
    }
    return new VersionOverflowException(
        KeyNames.describe(conflict.entityType(), conflict.id()) + ": " + largest);
  }

  /**
   * The version after {@code current}.
   *
   * @throws VersionOverflowException when {@code current} is {@link Long#MAX_VALUE}
   */
  public static long next(long current) {
    if (current == Long.MAX_VALUE) {
      throw new VersionOverflowException(largestLong());
    }
    return current + 1;
  }

  /**
   * The error for an update or delete of an entity that was never saved: its version holds the
   * unsaved default ({@code 0}, or {@code null} for a boxed version). Generated code throws it before
   * touching the database.
   */
  public static IllegalArgumentException notSaved(Class<?> entityType, Object id, Object version) {
    return new IllegalArgumentException(
        KeyNames.describe(entityType, id)
            + " has version "
            + version
            + ", which means it was never saved: insert or save it first");
  }

  /**
   * Whether {@code id}, an entity's key, names no row: null, or a composite key with a null part.
   * Only the failure paths ask (a compare-and-set that matched nothing, a batch's input check), so
   * that the happy path pays nothing for it.
   */
  public static boolean keyMissing(Object id) {
    if (id instanceof CompositeKey key) {
      for (int i = 0; i < key.size(); i++) {
        if (key.get(i) == null) {
          return true;
        }
      }
      return false;
    }
    return id == null;
  }

  /**
   * The refusal of an entity that carries a saved version but no key ({@link #keyMissing}): bad
   * input, not a conflict, since no row can match it.
   */
  public static IllegalArgumentException noKey(Class<?> entityType, Object id, Object version) {
    return new IllegalArgumentException(KeyNames.describe(entityType, id) + " has version " + version
        + " but no key, so it names no row: set its key (the one its row was stored with) before"
        + " writing it; nothing was written");
  }

  /** The first version of a TIMESTAMP {@link Instant}: now, in microseconds. */
  public static Instant firstInstant() {
    return Instant.now(UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The version after {@code previous}: {@code max(now, previous + 1 µs)}, in microseconds, so it
   * moves forward even when the clock stands still or goes back.
   */
  public static Instant nextTimestamp(Instant previous) {
    Instant now = firstInstant();
    Instant floor = previous.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    return now.isBefore(floor) ? floor : now;
  }

  /**
   * How many times an unchecked write of a TIMESTAMP version tries to move past the version its
   * row holds before {@link #retryPast} gives up.
   */
  public static final int UNCHECKED_ATTEMPTS = 10;

  /**
   * For an unchecked write of a TIMESTAMP version whose UPDATE changed no row although the row is
   * there: the row's version is at or past the one the write computed (a clock ahead of ours wrote
   * it, or another write came in between). Returns {@code stored}, after which the write's next
   * attempt computes its version, so that the row never gets a version it already holds (a copy
   * read before would then still match, and overwrite the unchecked write).
   *
   * @param stored the version the row holds now
   * @param attempt how many attempts have failed so far, from 1
   * @throws DataAccessException when the row's version is null, or after {@link
   *     #UNCHECKED_ATTEMPTS} attempts; nothing was written
   */
  public static <V> V retryPast(Class<?> entityType, Object id, V stored, int attempt) {
    String row = KeyNames.describe(entityType, id);
    if (stored == null) {
      throw new DataAccessException(
          row + ": the unchecked write found the row's version null, and wrote nothing: give the"
              + " version column a value (the row was not written by optilock)");
    }
    if (attempt >= UNCHECKED_ATTEMPTS) {
      throw new DataAccessException(
          row + ": the unchecked write gave up after " + attempt + " attempts, each of which found"
              + " the row's version at or past the one it computed (last " + stored + "), so other"
              + " writes keep moving it; nothing was written, and running it again is safe");
    }
    return stored;
  }

  /** The first version of a TIMESTAMP {@link LocalDateTime}: now in UTC, in microseconds. */
  public static LocalDateTime firstLocalDateTime() {
    return LocalDateTime.ofInstant(firstInstant(), ZoneOffset.UTC);
  }

  /** {@link #nextTimestamp(Instant)} for a UTC {@link LocalDateTime}. */
  public static LocalDateTime nextTimestamp(LocalDateTime previous) {
    return LocalDateTime.ofInstant(nextTimestamp(previous.toInstant(ZoneOffset.UTC)), ZoneOffset.UTC);
  }

  /** The first version of a TIMESTAMP {@link OffsetDateTime}: now in UTC, in microseconds. */
  public static OffsetDateTime firstOffsetDateTime() {
    return firstInstant().atOffset(ZoneOffset.UTC);
  }

  /** {@link #nextTimestamp(Instant)} for an {@link OffsetDateTime}; the result is in UTC. */
  public static OffsetDateTime nextTimestamp(OffsetDateTime previous) {
    return nextTimestamp(previous.toInstant()).atOffset(ZoneOffset.UTC);
  }

  /** The first version of a TIMESTAMP {@code long}: microseconds since the epoch, now. */
  public static long firstMicros() {
    Instant now = Instant.now(UTC);
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
  }

  /** {@code max(now, previous + 1)} in microseconds since the epoch. */
  public static long nextMicros(long previous) {
    return Math.max(firstMicros(), next(previous));
  }

  /**
   * Whether a stored version is the expected one: {@code equals}, except that two {@link
   * OffsetDateTime}s are the same when they are the same instant, as PostgreSQL and MariaDB compare
   * them.
   */
  public static boolean same(Object stored, Object expected) {
    if (stored instanceof OffsetDateTime a && expected instanceof OffsetDateTime b) {
      return a.isEqual(b);
    }
    return Objects.equals(stored, expected);
  }

  /**
   * The error for a compare-and-set that changed nothing although the row, read back, holds the
   * expected version: not a concurrent change, but a column that holds the version in a form the
   * database does not compare equal to the value optilock binds (text another program wrote in
   * upper case, say). Generated code and {@link Batches} throw it from the failure path instead of
   * a {@link RecordModifiedException} that would read "expected X, found X".
   *
   * @param column {@code table.column}, or {@code null} when not known
   */
  public static DataAccessException representationMismatch(
      Class<?> entityType, Object id, Object version, String column) {
    return new DataAccessException(
        KeyNames.describe(entityType, id)
            + ": the compare-and-set found no row with version "
            + version
            + ", yet the row's version reads back as that same value: "
            + (column == null ? "its version column" : "column " + column)
            + " holds it in a form the database does not compare equal to the value optilock binds"
            + " (such as text another program wrote differently). This is not a concurrent change,"
            + " and nothing was written; store the version as optilock writes it (docs/types.md)");
  }

  /**
   * After a compare-and-set of {@code entity} changed nothing, on SQLite: whether its row holds
   * the entity's time version ({@link Instant}, {@link LocalDateTime}, {@link OffsetDateTime})
   * written as other text than optilock writes, as other programs do ({@code 2026-03-29
   * 02:30:00.123456} for {@code 2026-03-29T02:30:00.123456000Z}). If so, binds that exact text as
   * the statement's last parameter, where compare-and-set statements bind the expected version,
   * so that running the statement again compares against what the row holds; the row is still
   * only written if nobody changed it meanwhile. False, binding nothing, on the other databases
   * (which compare times as values), for other versions, and when the row holds another version
   * or is gone. Only failed compare-and-sets pay for it: one SELECT of the version.
   */
  public static <T> boolean matchStoredText(
      ConnectionLease lease, BatchRows<T> rows, T entity, PreparedStatement statement)
      throws SQLException {
    Object expected = rows.version(entity);
    String written = SqliteTimes.text(expected);
    if (lease.dialect() != Dialect.SQLITE || written == null) {
      return false;
    }
    String stored = Batches.storedTexts(lease, rows, List.of(entity)).get(rows.id(entity));
    if (stored == null || stored.equals(written)) {
      return false;
    }
    try {
      if (!same(SqliteTimes.parse(stored, expected.getClass()), expected)) {
        return false;
      }
    } catch (DateTimeException notATime) {
      return false;
    }
    statement.setString(statement.getParameterMetaData().getParameterCount(), stored);
    return true;
  }

  /** A fresh RANDOM version. */
  public static UUID random() {
    return UUID.randomUUID();
  }
}
