package dev.optilock.runtime;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Some rows of an all-or-nothing batch ({@link ConflictPolicy#ABORT_ALL}), or of the selection of a
 * guarded action ({@code ifUnchanged}), changed since they were read. Nothing was written (and the
 * action did not run); {@link #conflicts()} lists every conflicting row, not only the first.
 *
 * <p>The message describes the first {@value #LISTED} conflicts and counts the others ({@code ... and
 * 99,990 more}), so a batch of many stale rows does not make a message of megabytes.
 */
public class BatchConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How many conflicts the message describes; {@link #conflicts()} has every one. */
  static final int LISTED = 10;

  private final Class<?> entityType;
  private final transient List<Conflict<?>> conflicts;

  /**
   * Creates the exception; the batch code calls this.
   *
   * @param entityType the entity class
   * @param conflicts every conflicting row, in the order they were passed in
   * @param rows how many rows the batch or selection had
   */
  public BatchConflictException(Class<?> entityType, List<? extends Conflict<?>> conflicts, int rows) {
    super(message(entityType, conflicts, rows));
    this.entityType = entityType;
    this.conflicts = List.copyOf(conflicts);
  }

  private static String message(Class<?> entityType, List<? extends Conflict<?>> conflicts, int rows) {
    String listed = conflicts.stream()
        .limit(LISTED)
        .map(c -> c.describe(entityType))
        .collect(Collectors.joining("; "));
    int more = conflicts.size() - LISTED;
    return conflicts.size() + " of " + rows + " " + entityType.getSimpleName()
        + " rows changed since they were read; nothing was written: " + listed
        + (more > 0
            ? String.format(Locale.ROOT, "; ... and %,d more (conflicts() lists every one)", more)
            : "");
  }

  /** The entity class. */
  public Class<?> entityType() {
    return entityType;
  }

  /** Every conflicting row, in the order they were passed in. */
  public List<Conflict<?>> conflicts() {
    return conflicts;
  }

  /**
   * The conflicts, typed by what their {@link Conflict#target()}s are: {@code
   * e.conflicts(Article.class)}, or {@code e.conflicts(Versioned.class)} for a repository of a
   * {@code @VersionedType} class.
   *
   * @throws ClassCastException when the targets are not of {@code type}
   */
  @SuppressWarnings("unchecked")
  public <T> List<Conflict<T>> conflicts(Class<T> type) {
    for (Conflict<?> conflict : conflicts) {
      if (!type.isInstance(conflict.target())) {
        throw new ClassCastException("the conflicts are about " + entityType.getName()
            + " rows held as " + conflict.target().getClass().getName() + ", not " + type.getName());
      }
    }
    return (List<Conflict<T>>) (List<?>) conflicts;
  }
}
