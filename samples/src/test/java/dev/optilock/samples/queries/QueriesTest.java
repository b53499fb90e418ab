package dev.optilock.samples.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.NonUniqueResultException;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Sort;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Every keyword and return type of {@link PostQueries}, end to end on every database, against seven
 * rows chosen so that a wrong operator, a lost NULL rule or a missing escape picks another set.
 * Where databases differ by design (MariaDB's default collation compares text ignoring case; LIKE
 * ignores ASCII case on SQLite and MariaDB), the test says so and expects what docs/queries.md
 * documents.
 */
class QueriesTest {
  private static final Instant JAN = Instant.parse("2024-01-01T10:00:00Z");

  private static PostRepository posts(TestDatabase db) {
    PostRepository posts = new PostRepository(db.fresh("queries_post"));
    posts.insert(new Post(1, "ann", "alpha", 5, false, JAN, PostStatus.LIVE, 0));
    posts.insert(new Post(2, "ann", "beta", 3, true, null, PostStatus.DRAFT, 0));
    posts.insert(new Post(3, "bob", "gamma", null, false, Instant.parse("2024-02-01T10:00:00Z"), PostStatus.LIVE, 0));
    posts.insert(new Post(4, "Ann", "delta 100%", 4, false, Instant.parse("2024-03-01T10:00:00Z"), PostStatus.ARCHIVED, 0));
    posts.insert(new Post(5, "carl", "epsilon_x", null, true, null, PostStatus.DRAFT, 0));
    posts.insert(new Post(6, null, "zeta", 1, false, Instant.parse("2024-01-15T10:00:00Z"), PostStatus.LIVE, 0));
    posts.insert(new Post(7, "bob", "alpha", 5, false, Instant.parse("2024-04-01T10:00:00Z"), PostStatus.LIVE, 0));
    return posts;
  }

  private static List<Long> ids(List<Post> rows) {
    return rows.stream().map(Post::id).collect(Collectors.toList());
  }

  private static List<Long> sortedIds(List<Post> rows) {
    return rows.stream().map(Post::id).sorted().collect(Collectors.toList());
  }

  private static List<Long> ids(long... ids) {
    return LongStream.of(ids).boxed().collect(Collectors.toList());
  }

  /** MariaDB's default collation (utf8mb4_general_ci) compares "ann" and "Ann" as equal. */
  private static boolean caseInsensitiveEquals(TestDatabase db) {
    return db == TestDatabase.MARIADB;
  }

  @EveryDatabase
  void comparisonOperators(TestDatabase db) {
    PostRepository posts = posts(db);
    List<Long> ann = caseInsensitiveEquals(db) ? ids(1, 2, 4) : ids(1, 2);
    assertEquals(ann, ids(posts.findByAuthor("ann")));
    assertEquals(ann, ids(posts.findByAuthorIs("ann")));
    assertEquals(ann, ids(posts.findByAuthorEquals("ann")));
    // Not never matches the NULL author of row 6
    assertEquals(caseInsensitiveEquals(db) ? ids(3, 5, 7) : ids(3, 4, 5, 7), ids(posts.findByAuthorNot("ann")));
    assertEquals(ids(2, 6), ids(posts.findByRatingLessThan(4)));
    assertEquals(ids(2, 4, 6), ids(posts.findByRatingLessThanEqual(4)));
    assertEquals(ids(1, 7), ids(posts.findByRatingGreaterThan(4)));
    assertEquals(ids(1, 4, 7), ids(posts.findByRatingGreaterThanEqual(4)));
    assertEquals(ids(2, 4), ids(posts.findByRatingBetween(3, 4)));
    assertEquals(ids(1, 6), ids(posts.findByPublishedBefore(Instant.parse("2024-02-01T10:00:00Z"))));
    assertEquals(ids(1, 7), ids(posts.findByRating(5)));
    assertEquals(ids(2, 5), ids(posts.findByDraftTrue()));
    assertEquals(ids(1, 3, 4, 6, 7), ids(posts.findByDraftFalse()));
  }

  @EveryDatabase
  void inAndNotIn(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(ids(1, 3, 4, 6, 7), ids(posts.findByStatusIn(List.of(PostStatus.LIVE, PostStatus.ARCHIVED))));
    assertEquals(ids(), ids(posts.findByStatusIn(List.of())));
    assertEquals(ids(2, 4, 5), ids(posts.findByStatusNotIn(List.of(PostStatus.LIVE))));
    assertEquals(ids(1, 2, 3, 4, 5, 6, 7), ids(posts.findByStatusNotIn(List.of())));
    // NOT IN never matches NULL, also for an empty list
    assertEquals(ids(2, 4, 6), ids(posts.findByRatingNotIn(List.of(5))));
    assertEquals(ids(1, 2, 4, 6, 7), ids(posts.findByRatingNotIn(List.of())));
    List<Integer> withNull = new ArrayList<>();
    withNull.add(5);
    withNull.add(null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> posts.findByRatingNotIn(withNull));
    assertTrue(e.getMessage().contains("ratings holds null"), e.getMessage());
    assertThrows(NullPointerException.class, () -> posts.findByStatusIn(null));
  }

  @EveryDatabase
  void nullSemantics(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(ids(3, 5), ids(posts.findByRatingIsNull()));
    assertEquals(ids(1, 2, 4, 6, 7), ids(posts.findByRatingIsNotNull()));
    // "rating <> 5" is unknown for a NULL rating: rows 3 and 5 are not returned
    assertEquals(ids(2, 4, 6), ids(posts.findByRatingNot(5)));
    // a null argument cannot mean what it says in SQL (= NULL matches nothing): refused, not empty
    NullPointerException e = assertThrows(NullPointerException.class, () -> posts.findByRating(null));
    assertTrue(e.getMessage().contains("RatingIsNull"), e.getMessage());
    assertThrows(NullPointerException.class, () -> posts.findByAuthor(null));
    assertThrows(NullPointerException.class, () -> posts.findByTitleContaining(null));
  }

  @EveryDatabase
  void textOperators(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(ids(1, 2, 3, 6, 7), ids(posts.findByTitleLike("%a")));
    assertEquals(ids(1, 7), ids(posts.findByTitleStartingWith("al")));
    // % and _ are escaped: they match themselves, not any text
    assertEquals(ids(4), ids(posts.findByTitleContaining("%")));
    assertEquals(ids(4), ids(posts.findByTitleContaining("0%")));
    assertEquals(ids(5), ids(posts.findByTitleContaining("_")));
    assertEquals(ids(5), ids(posts.findByTitleEndingWith("_x")));
    assertEquals(ids(), ids(posts.findByTitleEndingWith("!x")));
    assertEquals(ids(1, 2, 4), ids(posts.findByAuthorIgnoreCase("ANN")));
    assertEquals(ids(1, 7), ids(posts.findByTitleContainingIgnoreCase("LPH")));
    // LIKE follows the database: case-sensitive on PostgreSQL, not for ASCII on SQLite and MariaDB
    List<Long> upper = ids(posts.findByTitleStartingWith("AL"));
    assertEquals(db == TestDatabase.POSTGRESQL ? ids() : ids(1, 7), upper);
  }

  @EveryDatabase
  void andOrAndOrdering(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(ids(3, 7), ids(posts.findByAuthorAndDraftFalse("bob")));
    assertEquals(ids(1, 5, 7), ids(posts.findByAuthorOrRatingGreaterThan("carl", 4)));
    // And binds tighter than Or: (author = ann AND rating > 4) OR status = ARCHIVED
    assertEquals(ids(1, 4), ids(posts.findByAuthorAndRatingGreaterThanOrStatus("ann", 4, PostStatus.ARCHIVED)));
    assertEquals(caseInsensitiveEquals(db) ? ids(1, 4, 2) : ids(1, 2),
        ids(posts.findByAuthorOrderByRatingDescTitleAsc("ann")));
    assertEquals(ids(7, 1, 2, 4, 5, 3, 6), ids(posts.findAllByOrderByTitleAscIdDesc()));
    assertEquals(1, posts.findFirstByAuthorOrderByRatingDesc("ann").orElseThrow().id());
    assertTrue(posts.findFirstByAuthorOrderByRatingDesc("dave").isEmpty());
    // ties on the title end in key order
    assertEquals(ids(1, 7), ids(posts.findTop2ByDraftFalseOrderByTitle()));
  }

  @EveryDatabase
  void singleResults(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(2, posts.findByTitle("beta").orElseThrow().id());
    assertTrue(posts.findByTitle("nope").isEmpty());
    NonUniqueResultException e = assertThrows(NonUniqueResultException.class, () -> posts.findByTitle("alpha"));
    assertTrue(e.getMessage().contains("findByTitle matched more than one row"), e.getMessage());
    assertEquals(3, posts.findOneByTitle("gamma").id());
    assertThrows(NoSuchElementException.class, () -> posts.findOneByTitle("nope"));
    assertThrows(NonUniqueResultException.class, () -> posts.findOneByTitle("alpha"));
  }

  @EveryDatabase
  void countAndExists(TestDatabase db) {
    PostRepository posts = posts(db);
    assertEquals(2L, posts.countByAuthor("bob"));
    assertEquals(0L, posts.countByAuthor("dave"));
    assertEquals(2, posts.countByDraftTrue());
    assertEquals(7L, posts.countBy());
    assertTrue(posts.existsByAuthor("carl"));
    assertFalse(posts.existsByAuthor("dave"));
    assertFalse(posts.existsByAuthorAndDraftTrue("bob"));
    assertTrue(posts.existsByAuthorAndDraftTrue("carl"));
  }

  @EveryDatabase
  void sortAndLimit(TestDatabase db) {
    PostRepository posts = posts(db);
    // the method's OrderBy first, then the Sort, then the key
    assertEquals(ids(7, 3), ids(posts.findByAuthorOrderByTitle("bob", Sort.desc("id"))));
    assertEquals(ids(1), ids(posts.findByAuthorOrderByTitle("ann", Limit.of(1))));
    try (Stream<Post> rows = posts.findByDraftFalse(Sort.desc("published"), Limit.of(2, 1))) {
      assertEquals(ids(4, 3), ids(rows.toList()));
    }
    // NULLs sort as the database sorts them: first in DESC on PostgreSQL, last on the others
    try (Stream<Post> rows = posts.findByDraftFalse(Sort.desc("rating").thenDesc("id"), null)) {
      assertEquals(db == TestDatabase.POSTGRESQL ? ids(3, 7, 1, 4, 6) : ids(7, 1, 4, 6, 3),
          ids(rows.toList()));
    }
    IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
        () -> posts.findByAuthorOrderByTitle("bob", Sort.asc("titel")));
    assertTrue(misspelt.getMessage().contains("did you mean title"), misspelt.getMessage());
    // a sort from a request parameter cannot reach the SQL
    assertThrows(IllegalArgumentException.class,
        () -> posts.findByAuthorOrderByTitle("bob", Sort.asc("title; DROP TABLE queries_post")));
    assertEquals(7L, posts.countBy());
  }

  @EveryDatabase
  void pages(TestDatabase db) {
    PostRepository posts = posts(db);
    Page<Post> first = posts.findByAuthorOrderByTitle("bob", PageRequest.of(0, 1));
    assertEquals(ids(7), ids(first.content()));
    assertEquals(2, first.total());
    assertTrue(first.hasNext());
    Page<Post> second = posts.findByAuthorOrderByTitle("bob", first.nextPageRequest());
    assertEquals(ids(3), ids(second.content()));
    assertEquals(2, second.total());
    assertFalse(second.hasNext());
    Page<Post> sorted = posts.findByDraftFalse(PageRequest.of(1, 2), Sort.desc("published"));
    assertEquals(ids(3, 6), ids(sorted.content()));
    assertEquals(5, sorted.total());
    assertEquals(3, sorted.totalPages());
  }

  /** Ten rows with the same author and title, inserted out of order: pages split ties by key. */
  @EveryDatabase
  void pagesWithTiesNeitherRepeatNorMissARow(TestDatabase db) {
    PostRepository posts = new PostRepository(db.fresh("queries_post"));
    List<Long> keys = new ArrayList<>(LongStream.rangeClosed(100, 109).boxed().toList());
    Collections.shuffle(keys, new Random(15));
    for (long id : keys) {
      posts.insert(new Post(id, "tie", "same", 1, false, JAN, PostStatus.LIVE, 0));
    }
    posts.insert(new Post(1, "other", "same", 1, false, JAN, PostStatus.LIVE, 0));
    List<Long> seen = new ArrayList<>();
    PageRequest request = PageRequest.of(0, 3);
    Page<Post> page;
    do {
      page = posts.findByAuthorOrderByTitle("tie", request);
      assertEquals(10, page.total(), "page " + request.page());
      seen.addAll(ids(page.content()));
      request = page.nextPageRequest();
    } while (page.hasNext());
    assertEquals(LongStream.rangeClosed(100, 109).boxed().toList(), seen);
    assertEquals(3, page.page());
    assertEquals(1, page.content().size());
    Page<Post> past = posts.findByAuthorOrderByTitle("tie", PageRequest.of(9, 3));
    assertTrue(past.content().isEmpty());
    assertEquals(10, past.total());
    assertFalse(past.hasNext());
  }

  @EveryDatabase
  void streamsGiveTheirConnectionBack(TestDatabase db) {
    posts(db);
    try (HikariDataSource pool = db.newPool("queries-stream-" + ProcessHandle.current().pid(), 2)) {
      PostRepository posts = new PostRepository(pool);
      try (Stream<Post> rows = posts.streamByAuthor("bob")) {
        assertEquals(1, pool.getHikariPoolMXBean().getActiveConnections(), "held while open");
        assertEquals(ids(3, 7), ids(rows.toList()));
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      try (Stream<Post> rows = posts.streamByAuthor("bob")) {
        assertEquals(3, rows.findFirst().orElseThrow().id()); // read partly
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      posts.streamByAuthor("bob").close(); // never read
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      // read to its end without close: the end gives the connection back
      assertEquals(2, posts.streamByAuthor("bob").count());
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      try (Stream<Post> rows = posts.withStatus(PostStatus.DRAFT)) {
        assertEquals(ids(2, 5), ids(rows.toList()));
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      // more streams than the pool has connections, each closed: none leaks
      for (int i = 0; i < 5; i++) {
        try (Stream<Post> rows = posts.streamByAuthor("ann")) {
          assertTrue(rows.findAny().isPresent());
        }
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    }
  }

  @EveryDatabase
  void sqlQueries(TestDatabase db) {
    PostRepository posts = posts(db);
    // columns in another order than the entity's, found by label; ':author' in quotes is text
    List<Post> ann = posts.byAuthorReordered("ann");
    assertEquals(caseInsensitiveEquals(db) ? ids(1, 2, 4) : ids(1, 2), ids(ann));
    assertEquals(posts.findById(1L).orElseThrow(), ann.get(0));
    assertEquals(ids(2, 4), ids(posts.rated(3, 4)));
    assertEquals(ids(1, 4, 7), ids(posts.rated(4, -1)));
    assertEquals(6, posts.titled("zeta").orElseThrow().id());
    assertTrue(posts.titled("nope").isEmpty());
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> posts.missingColumns(1));
    assertTrue(missing.getMessage().contains("has no column author"), missing.getMessage());
    assertEquals(2, posts.countWritten("bob"));
    assertTrue(posts.anyTitled("zeta"));
    assertFalse(posts.anyTitled("nope"));
  }

  /** A row read by the caller's own JDBC, mapped by the repository, can be updated safely. */
  @EveryDatabase
  void ownSqlOurMapping(TestDatabase db) throws Exception {
    PostRepository posts = posts(db);
    Post stale = posts.findById(3L).orElseThrow();
    posts.update(stale.withTitle("changed elsewhere"));
    Post own;
    try (Connection connection = db.pool().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT title, id, version, author, rating, draft, published, status FROM queries_post WHERE id = ?")) {
      statement.setLong(1, 3);
      try (ResultSet row = statement.executeQuery()) {
        assertTrue(row.next());
        own = posts.fromRow(row);
      }
    }
    assertEquals(2, own.version());
    assertEquals(posts.findById(3L).orElseThrow(), own);
    assertEquals(3, posts.update(own.withTitle("mine")).version());
    assertThrows(RecordModifiedException.class, () -> posts.update(stale.withTitle("lost update")));
    assertEquals("mine", posts.findById(3L).orElseThrow().title());
  }
}
