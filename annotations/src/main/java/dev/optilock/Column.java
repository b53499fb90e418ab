package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a field. Optional: without it the column is the field's name in snake_case
 * ({@code createdAt} becomes {@code created_at}). The same identifier rules as {@link Table} apply.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Column {
  /** The column name, for example {@code "title"}. */
  String value();
}
