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
 * {@code null} for the boxed types) means "not saved yet", which is what {@code save} looks at.
 *
 * <pre>{@code
 * public record Article(@Id long id, String title, @VersionField long version) {}
 * }</pre>
 *
 * <p>An entity has exactly one version field; it must be an instance field (or record component),
 * and it cannot also be the {@link Id}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface VersionField {}
