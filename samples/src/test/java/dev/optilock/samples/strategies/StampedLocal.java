package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.LocalDateTime;

/** TIMESTAMP chosen by type: a LocalDateTime version, in UTC. */
public record StampedLocal(@Id long id, String title, @VersionField LocalDateTime version) {
  public StampedLocal withTitle(String newTitle) {
    return new StampedLocal(id, newTitle, version);
  }
}
