package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the table of an entity. Optional: without it the table is the entity's simple name in
 * snake_case ({@code BlogPost} becomes {@code blog_post}).
 *
 * <p>The name must be a plain SQL identifier: a letter or underscore, then letters, digits or
 * underscores, at most 63 characters. It is always quoted in generated SQL, so reserved words such
 * as {@code order} or {@code user} work; quoting also makes it case-sensitive on PostgreSQL, so
 * prefer lower case.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Table {
  /** The table name, for example {@code "article"}. */
  String value();

  /**
   * The schema (on MariaDB/MySQL: the database) that holds the table, for example {@code "blog"};
   * empty for the connection's current one. The same identifier rules apply.
   */
  String schema() default "";
}
