package dev.optilock.runtime;

/** What {@code updateAll} and {@code deleteAll} do when some rows were changed since they were read. */
public enum ConflictPolicy {
  /**
   * One transaction, all or nothing: if any row conflicts, nothing is written and {@link
   * BatchConflictException} lists every conflicting row.
   */
  ABORT_ALL,
  /**
   * Every row that still has its expected version is written (in one transaction); the others are
   * reported in {@link BatchResult#conflicts()} and left as they are.
   */
  SKIP_CONFLICTS
}
