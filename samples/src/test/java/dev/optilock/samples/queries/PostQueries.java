package dev.optilock.samples.queries;

import dev.optilock.Queries;
import dev.optilock.Sql;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.Sort;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every keyword of the derived-query vocabulary, and @Sql, on {@link Post}. */
@Queries(Post.class)
public interface PostQueries {
  // ---- operators ----
  List<Post> findByAuthor(String author);

  List<Post> findByAuthorIs(String author);

  List<Post> findByAuthorEquals(String author);

  List<Post> findByAuthorNot(String author);

  List<Post> findByRatingLessThan(int rating);

  List<Post> findByRatingLessThanEqual(Integer rating);

  List<Post> findByRatingGreaterThan(int rating);

  List<Post> findByRatingGreaterThanEqual(int rating);

  List<Post> findByRatingBetween(int low, int high);

  List<Post> findByPublishedBefore(Instant time);

  List<Post> findByStatusIn(Collection<PostStatus> statuses);

  List<Post> findByStatusNotIn(List<PostStatus> statuses);

  List<Post> findByRatingNotIn(Collection<Integer> ratings);

  List<Post> findByRatingIsNull();

  List<Post> findByRatingIsNotNull();

  List<Post> findByRating(Integer rating);

  List<Post> findByRatingNot(Integer rating);

  List<Post> findByTitleLike(String pattern);

  List<Post> findByTitleStartingWith(String prefix);

  List<Post> findByTitleEndingWith(String suffix);

  List<Post> findByTitleContaining(String part);

  List<Post> findByAuthorIgnoreCase(String author);

  List<Post> findByTitleContainingIgnoreCase(String part);

  List<Post> findByDraftTrue();

  List<Post> findByDraftFalse();

  List<Post> findByAuthorAndDraftFalse(String author);

  List<Post> findByAuthorOrRatingGreaterThan(String author, int rating);

  List<Post> findByAuthorAndRatingGreaterThanOrStatus(String author, int rating, PostStatus status);

  // ---- subjects, ordering, return types ----
  List<Post> findByAuthorOrderByRatingDescTitleAsc(String author);

  List<Post> findAllByOrderByTitleAscIdDesc();

  Optional<Post> findFirstByAuthorOrderByRatingDesc(String author);

  List<Post> findTop2ByDraftFalseOrderByTitle();

  Optional<Post> findByTitle(String title);

  Post findOneByTitle(String title);

  long countByAuthor(String author);

  int countByDraftTrue();

  long countBy();

  boolean existsByAuthor(String author);

  boolean existsByAuthorAndDraftTrue(String author);

  Stream<Post> streamByAuthor(String author);

  Stream<Post> findByDraftFalse(Sort sort, Limit limit);

  List<Post> findByAuthorOrderByTitle(String author, Sort sort);

  List<Post> findByAuthorOrderByTitle(String author, Limit limit);

  Page<Post> findByAuthorOrderByTitle(String author, PageRequest page);

  Page<Post> findByDraftFalse(PageRequest page, Sort sort);

  // ---- @Sql ----
  @Sql("SELECT version, status, published, draft, rating, title, author, id FROM queries_post"
      + " WHERE author = :author AND title <> ':author' ORDER BY title, id")
  List<Post> byAuthorReordered(String author);

  @Sql("SELECT * FROM queries_post WHERE rating >= :least AND (rating <= :most OR :most < 0)"
      + " ORDER BY id")
  List<Post> rated(int least, int most);

  @Sql("SELECT * FROM queries_post WHERE status = :status ORDER BY id")
  Stream<Post> withStatus(PostStatus status);

  @Sql("SELECT * FROM queries_post WHERE title = :title")
  Optional<Post> titled(String title);

  @Sql("SELECT id, title FROM queries_post WHERE id = :id")
  Optional<Post> missingColumns(long id);

  @Sql("SELECT COUNT(*) FROM queries_post WHERE author = :author -- :notAParameter")
  long countWritten(String author);

  @Sql("SELECT 1 FROM queries_post WHERE title = :title /* :neither */")
  boolean anyTitled(String title);
}
