package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A hit counter with an application-incremented (INCREMENT) version, for the many-threads test of
 * {@code modify}: every successful increment moves the version by exactly one.
 */
public record Tally(@Id long id, int hits, @VersionField long version) {
  /** One more hit, keeping the version it was read with. */
  public Tally plusOne() {
    return new Tally(id, hits + 1, version);
  }
}
