package dev.optilock.samples.queries;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import java.time.Instant;

/** The entity of the query tests: text, a nullable number and time, a boolean and an enum. */
@Table("queries_post")
public record Post(
    @Id long id,
    String author,
    String title,
    Integer rating,
    boolean draft,
    Instant published,
    PostStatus status,
    @VersionField long version) {

  public Post withTitle(String newTitle) {
    return new Post(id, author, newTitle, rating, draft, published, status, version);
  }
}
