package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.Instant;

/** Conditional: every change moves the version except a new view count (TIMESTAMP versions). */
public record Wiki(
    @Id long id, String text, Long views, @VersionField(ignoreFields = "views") Instant version) {
  public Wiki with(String newText, Long newViews) {
    return new Wiki(id, newText, newViews, version);
  }
}
