package dev.optilock.runtime;

import java.util.List;

/**
 * What {@code updateAll} or {@code deleteAll} did: the rows written and the rows that conflicted.
 * Both lists follow the order of the collection passed in.
 *
 * @param <T> the entity type
 */
public final class BatchResult<T> {
  private final List<T> written;
  private final List<Conflict<T>> conflicts;

  public BatchResult(List<T> written, List<Conflict<T>> conflicts) {
    this.written = List.copyOf(written);
    this.conflicts = List.copyOf(conflicts);
  }

  /** For {@code updateAll}: the entities written, each with its new version. */
  public List<T> updated() {
    return written;
  }

  /** For {@code deleteAll}: the entities whose rows were deleted. */
  public List<T> deleted() {
    return written;
  }

  /** Every row that was not written because it changed or disappeared since it was read. */
  public List<Conflict<T>> conflicts() {
    return conflicts;
  }

  /** Whether any row conflicted. */
  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }

  @Override
  public String toString() {
    return "BatchResult[written=" + written.size() + ", conflicts=" + conflicts + "]";
  }
}
