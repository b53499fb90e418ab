package dev.optilock.samples.reliability;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A counter that many threads increment at once, for {@link ConcurrencyStressTest}. Every
 * successful update adds 1 to {@code hits} and (INCREMENT) 1 to {@code version}, so a row read at
 * any moment must have {@code hits == version - 1}.
 */
public record HotCounter(@Id long id, long hits, String lastWriter, @VersionField long version) {
  /** The next value: one more hit, written by {@code writer}, with the version it was read with. */
  public HotCounter incremented(String writer) {
    return new HotCounter(id, hits + 1, writer, version);
  }
}
