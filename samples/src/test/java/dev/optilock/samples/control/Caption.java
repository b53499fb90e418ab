package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A conditional version (only {@code title} moves it) on a text key in a case-insensitive column:
 * a batch reads the versions back from the database, which matches {@code "ABC"} to the row
 * {@code "abc"}.
 */
public record Caption(
    @Id String name, String title, String body, @VersionField(checkFields = "title") long version) {
  public Caption with(String newTitle, String newBody) {
    return new Caption(name, newTitle, newBody, version);
  }
}
