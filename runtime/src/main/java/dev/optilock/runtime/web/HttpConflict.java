package dev.optilock.runtime.web;

import dev.optilock.runtime.RecordModifiedException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link RecordModifiedException} as an HTTP answer: {@code 409 Conflict}, carrying the current
 * representation (and its ETag) so that the client can merge and retry without another request.
 * When the row was deleted meanwhile there is no current representation; the status is still 409,
 * because the client's write lost a race, and {@link #deleted()} says so.
 *
 * <pre>{@code
 * try {
 *   articles.update(edited);
 * } catch (RecordModifiedException e) {
 *   HttpConflict<Article> conflict = HttpConflict.of(e, Article.class);
 *   conflict.currentETag(a -> EntityTag.ofVersion(a.version()))
 *       .ifPresent(tag -> response.setHeader("ETag", tag.toString()));
 *   response.setStatus(conflict.status());                     // 409
 *   response.write(conflict.current().map(Json::of).orElse("null"));
 * }
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class HttpConflict<T> {
  /** 409 Conflict. */
  public static final int STATUS = 409;

  private final Class<T> entityType;
  private final T rejected;
  private final T current;
  private final Object expectedVersion;

  private HttpConflict(Class<T> entityType, T rejected, T current, Object expectedVersion) {
    this.entityType = entityType;
    this.rejected = rejected;
    this.current = current;
    this.expectedVersion = expectedVersion;
  }

  /**
   * The answer to {@code e}.
   *
   * @throws ClassCastException when {@code e} is about another entity type
   */
  public static <T> HttpConflict<T> of(RecordModifiedException e, Class<T> entityType) {
    Objects.requireNonNull(e, "e");
    Objects.requireNonNull(entityType, "entityType");
    if (!entityType.equals(e.entityType()) && !entityType.isInstance(e.target())) {
      throw new ClassCastException(
          "the conflict is about " + e.entityType().getName() + ", not " + entityType.getName());
    }
    return new HttpConflict<>(
        entityType, e.target(entityType), e.current(entityType).orElse(null), e.expectedVersion());
  }

  /** Always {@value #STATUS}. */
  public int status() {
    return STATUS;
  }

  /** The entity the client tried to write, untouched. */
  public T rejected() {
    return rejected;
  }

  /** The row as stored now: the representation to send back. Empty when it was deleted. */
  public Optional<T> current() {
    return Optional.ofNullable(current);
  }

  /** Whether the row is gone. */
  public boolean deleted() {
    return current == null;
  }

  /** The ETag of the current representation, made by {@code tagger}; empty when deleted. */
  public Optional<EntityTag> currentETag(Function<? super T, EntityTag> tagger) {
    Objects.requireNonNull(tagger, "tagger");
    return current().map(tagger);
  }

  /**
   * One sentence for the response body; it names the entity type and the version the client had,
   * never any client-supplied text.
   */
  public String detail() {
    String name = entityType.getSimpleName();
    return deleted()
        ? "the " + name + " was deleted after you read version " + expectedVersion
            + "; nothing was written"
        : "the " + name + " changed after you read version " + expectedVersion
            + "; nothing was written. The current representation and its ETag are enclosed:"
            + " apply your change to it and send it again with that ETag in If-Match";
  }
}
