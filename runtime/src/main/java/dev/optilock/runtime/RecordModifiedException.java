package dev.optilock.runtime;

import dev.optilock.runtime.Events;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.internal.KeyNames;
import java.util.Objects;
import java.util.Optional;

/**
 * A compare-and-set update or delete found that the row was changed or deleted since the entity was
 * read: nothing was written, and the entity passed in is exactly as it was.
 *
 * <p>The repository fills this in with one extra {@code SELECT}, on the failure path only:
 *
 * <pre>{@code
 * try {
 *   articles.update(edited);
 * } catch (RecordModifiedException e) {
 *   Article mine = (Article) e.target();           // what the caller tried to write
 *   Optional<Object> theirs = e.current();         // the row as stored now (empty: deleted)
 *   log.info(e.getMessage());  // Article[id=42] was modified concurrently: expected version 3, found 4
 * }
 * }</pre>
 */
public class RecordModifiedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Class<?> entityType;
  private final transient Object id;
  private final transient Object expectedVersion;
  private final transient Object actualVersion;
  private final transient Object target;
  private final transient Object current;

  /**
   * Creates the exception; generated repositories call this.
   *
   * @param entityType the entity class
   * @param id the id of the row that was to be written
   * @param expectedVersion the version the caller's entity carried
   * @param actualVersion the version stored now, or {@code null} when the row is gone
   * @param target the caller's entity, untouched
   * @param current the row as stored now, or {@code null} when the row is gone
   */
  public RecordModifiedException(
      Class<?> entityType,
      Object id,
      Object expectedVersion,
      Object actualVersion,
      Object target,
      Object current) {
    super(message(entityType, id, expectedVersion, actualVersion));
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
    this.target = target;
    this.current = current;
    Events.conflict(entityType, id, expectedVersion, actualVersion);
  }

  private static String message(
      Class<?> entityType, Object id, Object expectedVersion, Object actualVersion) {
    String row = KeyNames.describe(entityType, id);
    if (actualVersion == null) {
      return row + " was deleted: expected version " + expectedVersion + ", found no row";
    }
    return row
        + " was modified concurrently: expected version "
        + expectedVersion
        + ", found "
        + actualVersion;
  }

  /** The entity class, for example {@code Article.class}. */
  public Class<?> entityType() {
    return entityType;
  }

  /** The id of the row the caller tried to write. */
  public Object id() {
    return id;
  }

  /** The version the caller's entity carried: the one the compare-and-set expected. */
  public Object expectedVersion() {
    return expectedVersion;
  }

  /** The version stored now; empty when the row was deleted. */
  public Optional<Object> actualVersion() {
    return Optional.ofNullable(actualVersion);
  }

  /** The caller's entity as it was passed in; its version is untouched. */
  public Object target() {
    return target;
  }

  /** The caller's entity, typed: {@code e.target(Article.class)}. */
  public <T> T target(Class<T> type) {
    return type.cast(target);
  }

  /** The row as it is stored now; empty when the row was deleted. */
  public Optional<Object> current() {
    return Optional.ofNullable(current);
  }

  /** The row as it is stored now, typed: {@code e.current(Article.class)}. */
  public <T> Optional<T> current(Class<T> type) {
    return Optional.ofNullable(current).map(type::cast);
  }
}
