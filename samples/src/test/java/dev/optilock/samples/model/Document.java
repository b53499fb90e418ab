package dev.optilock.samples.model;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.Instant;
import java.util.UUID;

/**
 * A JavaBean entity for ClassEntityTest: private fields, public getters and setters and a public
 * no-arg constructor, so the repository builds it with {@code new Document()} and the setters, and
 * a boxed {@code Integer} version whose unsaved default is {@code null}.
 */
public class Document {
  @Id private UUID id;
  @VersionField private Integer version;
  private String title;
  private Instant createdAt;

  public Document() {}

  /** A new, unsaved document (version null). Not a constructor: it would not take every column. */
  public static Document of(UUID id, String title, Instant createdAt) {
    Document document = new Document();
    document.setId(id);
    document.setTitle(title);
    document.setCreatedAt(createdAt);
    return document;
  }

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  @Override
  public String toString() {
    return "Document[id=" + id + ", version=" + version + ", title=" + title + ", createdAt="
        + createdAt + "]";
  }
}
