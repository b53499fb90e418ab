package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import dev.optilock.VersionStrategy;

/** TRIGGER: the database increments the version on every UPDATE, from any client. */
public record Counter(
    @Id long id, String label, long hits,
    @VersionField(strategy = VersionStrategy.TRIGGER) long version) {
  public Counter withLabel(String newLabel) {
    return new Counter(id, newLabel, hits, version);
  }
}
