package dev.optilock.samples;

import dev.optilock.Queries;
import dev.optilock.Sql;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import java.util.List;

/**
 * The admin's queries of {@link Article}, checked at compile time; {@code ArticleRepository}
 * implements them.
 */
@Queries(Article.class)
public interface ArticleQueries {
  /** One page of every article, by id. */
  Page<Article> findPageBy(PageRequest page);

  /** One page of the articles whose title contains {@code part}, in any case, by title. */
  Page<Article> findByTitleContainingIgnoreCaseOrderByTitle(String part, PageRequest page);

  /** The articles whose body is shorter than {@code chars} characters (a stub to finish). */
  @Sql("SELECT * FROM article WHERE body IS NULL OR LENGTH(body) < :chars ORDER BY id")
  List<Article> shorterThan(int chars);
}
