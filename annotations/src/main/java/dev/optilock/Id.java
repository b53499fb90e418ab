package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the primary key of a versioned entity. The repository's {@code findById}, {@code update}
 * and {@code delete} locate rows by this column. Exactly one field carries it.
 *
 * <pre>{@code
 * public record Ticket(@Id(generated = true) long id, String subject, @VersionField long version) {}
 *
 * Ticket stored = tickets.insert(new Ticket(0, "Printer on fire", 0));   // stored.id() is the new key
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Id {
  /**
   * Whether the database assigns the key (an identity or auto-increment column): {@code insert}
   * leaves the column out and returns the entity with the key the database chose. Only for {@code
   * int}, {@code long}, {@link Integer} and {@link Long} keys.
   */
  boolean generated() default false;
}
