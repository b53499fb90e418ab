package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.Instant;

/** TIMESTAMP chosen by type: an Instant version. */
public record StampedInstant(@Id long id, String title, @VersionField Instant version) {
  public StampedInstant withTitle(String newTitle) {
    return new StampedInstant(id, newTitle, version);
  }
}
