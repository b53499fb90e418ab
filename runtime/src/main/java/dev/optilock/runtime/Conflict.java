package dev.optilock.runtime;

import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.internal.KeyNames;
import java.util.Optional;

/**
 * One row of a batch that was not written because it changed since it was read.
 *
 * @param id the row's id
 * @param expectedVersion the version the caller's entity carried
 * @param actualVersion the version stored now; empty when the row was deleted
 * @param target the caller's entity, untouched
 * @param <T> the entity type
 */
public record Conflict<T>(Object id, Object expectedVersion, Optional<Object> actualVersion, T target) {
  /** Whether the row is gone. */
  public boolean deleted() {
    return actualVersion.isEmpty();
  }

  /** {@code Article[id=4] expected version 3, found 5} or {@code Article[id=4] was deleted}. */
  String describe(Class<?> entityType) {
    String row = KeyNames.describe(entityType, id);
    return actualVersion
        .map(v -> row + " expected version " + expectedVersion + ", found " + v)
        .orElse(row + " was deleted (expected version " + expectedVersion + ")");
  }
}
