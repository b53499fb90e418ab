package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;

/** The sample's {@link ArticleQueries} (what the admin app pages and searches with), on every database. */
class ArticleQueriesTest {

  @EveryDatabase
  void pagesSearchAndSql(TestDatabase db) {
    ArticleQueries queries = new ArticleRepository(db.fresh("article"));
    ArticleRepository articles = (ArticleRepository) queries;
    for (long id = 1; id <= 5; id++) {
      articles.insert(new Article(id, id == 3 ? "Locking, OPTIMISTIC" : "Post " + id, "x".repeat((int) id), 0));
    }
    Page<Article> second = queries.findPageBy(PageRequest.of(1, 2));
    assertEquals(List.of(3L, 4L), second.content().stream().map(Article::id).toList());
    assertEquals(5, second.total());
    assertTrue(second.hasNext());
    Page<Article> found = queries.findByTitleContainingIgnoreCaseOrderByTitle("optimistic", PageRequest.of(0, 10));
    assertEquals(List.of(3L), found.content().stream().map(Article::id).toList());
    assertEquals(1, found.total());
    assertFalse(found.hasNext());
    assertEquals(List.of(1L, 2L), queries.shorterThan(3).stream().map(Article::id).toList());
  }
}
