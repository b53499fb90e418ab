package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import dev.optilock.VersionStrategy;

/** TIMESTAMP on a long: microseconds since the epoch (django-concurrency's IntegerVersionField). */
public record StampedMicros(
    @Id long id, String title, @VersionField(strategy = VersionStrategy.TIMESTAMP) long version) {
  public StampedMicros withTitle(String newTitle) {
    return new StampedMicros(id, newTitle, version);
  }
}
