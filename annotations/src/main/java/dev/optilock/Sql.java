package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query of a {@link Queries} interface written in SQL, for what a derived method name cannot
 * say. Values are named parameters, {@code :name}, bound from the method parameter of that name as
 * prepared-statement parameters (never pasted into the text); every placeholder needs a parameter
 * and every parameter a placeholder, which the processor checks at compile time.
 *
 * <pre>{@code
 * @Sql("SELECT * FROM article WHERE author = :author ORDER BY title")
 * List<Article> byAuthor(String author);
 * }</pre>
 *
 * <p>Rows are mapped to the entity by column label, so the query must select every column of the
 * entity (for example {@code SELECT *}); a missing column fails at run time with a message that
 * names it. The return type may be {@code List<E>}, {@code Optional<E>}, {@code E}, {@code
 * Stream<E>}, {@code long}/{@code int} (the first column of a single row, such as {@code COUNT(*)})
 * or {@code boolean} (whether the query returns a row). The text is used as it is, on every
 * database: keep to SQL they share, or to the one the application runs on. Placeholders inside
 * string literals, quoted identifiers, comments and PostgreSQL's {@code ::} casts are not
 * parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Sql {
  /** The SQL text, with {@code :name} parameters. */
  String value();
}
