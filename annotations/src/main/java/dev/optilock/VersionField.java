package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the version of an entity and makes the entity versioned: the optilock processor writes a
 * {@code <Entity>Repository} next to it whose updates and deletes are compare-and-set statements
 * ({@code ... WHERE id = ? AND version = ?}).
 *
 * <p>On an {@code int}, {@code long}, {@link Integer} or {@link Long} the version is a counter: the
 * repository writes {@code 1} on insert and adds one on every successful update. {@code 0} (or
 * {@code null} for object types) means "not saved yet", which is what {@code save} looks at. Other
 * types and the database-maintained version are chosen with {@link #strategy()}.
 *
 * <pre>{@code
 * public record Article(@Id long id, String title, @VersionField long version) {}
 *
 * public record Page(@Id long id, String title, String hits,
 *     @VersionField(ignoreFields = "hits") long version) {}     // counting hits is not an edit
 * }</pre>
 *
 * <p>An entity has exactly one version field; it must be an instance field (or record component),
 * and it cannot also be the {@link Id}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface VersionField {
  /** How the next version is made; by default chosen from the field's type. */
  VersionStrategy strategy() default VersionStrategy.DEFAULT;

  /**
   * Move the version on only when one of these fields changes (Java field names). Changes to other
   * fields are still written, under the same compare-and-set check, without a new version. The
   * database decides inside the same UPDATE by comparing the stored values with the new ones. Cannot
   * be combined with {@link #ignoreFields()} or {@link VersionStrategy#TRIGGER}.
   */
  String[] checkFields() default {};

  /**
   * Move the version on when any field except these changes (Java field names). Cannot be combined
   * with {@link #checkFields()} or {@link VersionStrategy#TRIGGER}.
   */
  String[] ignoreFields() default {};

  /**
   * The name of the database trigger for {@link VersionStrategy#TRIGGER}; by default {@code
   * optilock_<table>_<column>}. The same identifier rules as {@link Table} apply.
   */
  String triggerName() default "";
}
