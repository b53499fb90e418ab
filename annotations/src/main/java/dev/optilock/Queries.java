package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares read-only queries of one entity on an interface: the generated repository of {@link
 * #value()} implements the interface, so that code can depend on the interface alone.
 *
 * <pre>{@code
 * @Queries(Article.class)
 * public interface ArticleQueries {
 *   List<Article> findByAuthorOrderByTitleAsc(String author);
 *   Optional<Article> findBySlug(String slug);
 *   long countByDraftTrue();
 *   Page<Article> findByAuthor(String author, PageRequest page);
 *
 *   @Sql("SELECT * FROM article WHERE title LIKE :pattern ORDER BY title")
 *   List<Article> titled(String pattern);
 * }
 * }</pre>
 *
 * <p>Each abstract method is either a derived query, whose name says what it selects ({@code
 * find…By}, {@code count…By}, {@code exists…By} with properties, operators and {@code OrderBy}), or
 * carries {@link Sql}. Default and static methods are left alone. Every method is checked at
 * compile time: an unknown property, an operator that does not fit a property's type, parameters
 * that do not match, or an unsupported return type is a compile error on the method. See {@code
 * docs/queries.md} for the vocabulary and the SQL each keyword produces.
 *
 * <p>Queries only read. Several interfaces may name the same entity; the repository implements
 * them all. The interface must be visible from the entity's package and declare no type
 * parameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Queries {
  /** The entity (a class or record with a {@code @VersionField}, or a {@code @VersionedType}) queried. */
  Class<?> value();
}
