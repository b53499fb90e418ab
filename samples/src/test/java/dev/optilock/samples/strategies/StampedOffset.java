package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.OffsetDateTime;

/** TIMESTAMP chosen by type: an OffsetDateTime version, in UTC. */
public record StampedOffset(@Id long id, String title, @VersionField OffsetDateTime version) {
  public StampedOffset withTitle(String newTitle) {
    return new StampedOffset(id, newTitle, version);
  }
}
