package dev.optilock.samples;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/** A blog article: the entity of the demo and the README. */
@Table("article")
public record Article(@Id long id, String title, String body, @VersionField long version) {

  /** The same article with another title, keeping the version it was read with. */
  public Article withTitle(String newTitle) {
    return new Article(id, newTitle, body, version);
  }
}
