package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** Conditional: only a new title moves the version; body edits are written under the same check. */
public record Page(
    @Id long id, String title, String body, @VersionField(checkFields = "title") long version) {
  public Page with(String newTitle, String newBody) {
    return new Page(id, newTitle, newBody, version);
  }
}
