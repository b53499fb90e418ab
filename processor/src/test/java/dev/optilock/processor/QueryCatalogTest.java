package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.CatalogTest.assertError;
import static dev.optilock.processor.CatalogTest.assertOnlyError;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every catalog entry of {@code @Queries} and {@code @Sql} (OL050-OL062), with the code, the line
 * of the offending method or parameter, the fix, and that no repository was written.
 */
class QueryCatalogTest {
  static final JavaFileObject ARTICLE = source("test.Article", """
      package test;

      import dev.optilock.*;

      public record Article(@Id long id, String author, String title, Integer rating,
          boolean draft, Status status, byte[] picture, long views, @VersionField long version) {
        public enum Status { DRAFT, LIVE }
      }
      """);

  /** An interface of queries on Article with {@code body} as its members. */
  static JavaFileObject queries(String body) {
    return source("test.ArticleQueries", """
        package test;

        import dev.optilock.*;
        import dev.optilock.runtime.*;
        import java.util.*;
        import java.util.stream.Stream;

        @Queries(Article.class)
        public interface ArticleQueries {
        %s
        }
        """.formatted(body));
  }

  @Test
  @Covers(Message.OL050_QUERIES_NOT_INTERFACE)
  void onAClass() {
    JavaFileObject queries = source("test.ArticleQueries", """
        package test;

        import dev.optilock.*;

        @Queries(Article.class)
        public abstract class ArticleQueries {}
        """);
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL050_QUERIES_NOT_INTERFACE, queries, "@Queries(Article.class)");
    assertThat(run.errors("OL050").get(0)).contains("ArticleQueries, which is a class");
  }

  @Test
  @Covers(Message.OL051_QUERIES_NOT_ENTITY)
  void namesAClassWithoutVersion() {
    JavaFileObject plain = source("test.Plain", """
        package test;

        public record Plain(long id) {}
        """);
    JavaFileObject queries = source("test.PlainQueries", """
        package test;

        import dev.optilock.*;
        import java.util.List;

        @Queries(Plain.class)
        public interface PlainQueries {
          List<Plain> findById(long id);
        }
        """);
    Run run = compile(plain, queries);
    assertOnlyError(run, Message.OL051_QUERIES_NOT_ENTITY, queries, "@Queries(Plain.class)");
    assertThat(run.errors("OL051").get(0)).contains("names test.Plain");
  }

  @Test
  @Covers(Message.OL052_QUERIES_INTERFACE_SHAPE)
  void genericOrInvisibleInterface() {
    JavaFileObject generic = source("test.ArticleQueries", """
        package test;

        import dev.optilock.*;

        @Queries(Article.class)
        public interface ArticleQueries<T> {}
        """);
    Run run = compile(ARTICLE, generic);
    assertOnlyError(run, Message.OL052_QUERIES_INTERFACE_SHAPE, generic, "interface ArticleQueries<T>");

    JavaFileObject elsewhere = source("other.ArticleQueries", """
        package other;

        import dev.optilock.*;

        @Queries(test.Article.class)
        interface ArticleQueries {}
        """);
    Run hidden = compile(ARTICLE, elsewhere);
    assertOnlyError(hidden, Message.OL052_QUERIES_INTERFACE_SHAPE, elsewhere, "interface ArticleQueries");
    assertThat(hidden.errors("OL052").get(0)).contains("is not visible from package test");
  }

  @Test
  @Covers(Message.OL053_NOT_A_QUERY)
  void neitherDerivedNorSql() {
    JavaFileObject queries = queries("  List<Article> articlesOf(String author);");
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL053_NOT_A_QUERY, queries, "articlesOf");
  }

  @Test
  @Covers(Message.OL054_UNKNOWN_PROPERTY)
  void misspeltProperty() {
    JavaFileObject queries = queries("  List<Article> findByAutorIgnoreCase(String author);");
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL054_UNKNOWN_PROPERTY, queries, "findByAutorIgnoreCase");
    assertThat(run.errors("OL054").get(0)).contains("names \"autor\", which is not a property of Article");
    assertThat(run.errors("OL054").get(0)).contains("did you mean Author (author)?");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "List<Article> findByTitleOrderByTitel(String title);|\"titel\"",
      "List<Article> findByAuthorAndTitel(String author, String title);|\"titel\"",
      "long countByNope();|\"nope\"",
  })
  void unknownPropertiesAnywhereInTheName(String method, String named) {
    JavaFileObject queries = queries("  " + method);
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL054_UNKNOWN_PROPERTY, queries, method.substring(0, method.indexOf('(')));
    assertThat(run.errors("OL054").get(0)).contains(named);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "List<Article> findByStatusGreaterThan(Article.Status status);|no order in SQL",
      "List<Article> findByRatingStartingWith(String prefix);|not text",
      "List<Article> findByViewsIsNull();|never NULL",
      "List<Article> findByAuthorTrue();|not a boolean",
      "List<Article> findByRatingIgnoreCase(Integer rating);|only fits text",
      "List<Article> findByAuthorInIgnoreCase(List<String> authors);|IgnoreCase, which works only",
      "List<Article> findByPictureLessThan(byte[] picture);|no order in SQL",
  })
  @Covers(Message.OL055_OPERATOR_TYPE)
  void operatorThatDoesNotFitTheType(String method, String problem) {
    JavaFileObject queries = queries("  " + method);
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL055_OPERATOR_TYPE, queries, method.substring(0, method.indexOf('(')));
    assertThat(run.errors("OL055").get(0)).contains(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "List<Article> findByAuthor(String author, String title);|has 2 parameters for its criteria, but its name needs 1",
      "List<Article> findByRatingBetween(int low);|needs 2",
      "List<Article> findByAuthor(int author);|of type int for author Is",
      "List<Article> findByAuthorIn(String authors);|needs a Collection<java.lang.String>",
      "List<Article> findByTitleContaining(int part);|needs a String",
      "Optional<Article> findByAuthor(String author, Limit limit);|only a query returning List or Stream takes",
      "Page<Article> findByAuthor(String author);|returns a Page but has no PageRequest",
      "List<Article> findByAuthor(String author, PageRequest page);|only a query returning Page takes",
      "List<Article> findByAuthor(Sort sort, String author);|after a Sort, Limit or PageRequest",
      "List<Article> findByAuthor(String author, Sort one, Sort two);|a second Sort",
      "List<Article> findTop0ByAuthor(String author);|at least 1",
      "Page<Article> findFirst5ByAuthor(String author, PageRequest page);|with a PageRequest",
      "<T> List<Article> findByAuthor(String author);|declares type parameters",
  })
  @Covers(Message.OL056_QUERY_PARAMETERS)
  void parametersThatDoNotFit(String method, String problem) {
    JavaFileObject queries = queries("  " + method);
    Run run = compile(ARTICLE, queries);
    assertThat(run.compilation()).failed();
    assertThat(run.errors("OL056")).hasSize(1);
    assertThat(run.errors("OL056").get(0)).contains(problem);
    assertThat(run.compilation()).hadErrorContaining("[OL056]").inFile(queries);
    CatalogTest.assertFix(run, Message.OL056_QUERY_PARAMETERS);
    run.assertNothingWritten();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Set<Article> findByAuthor(String author);|List<Article>, Optional<Article>, Article, Stream<Article> or Page<Article>",
      "int existsByAuthor(String author);|boolean",
      "boolean countByAuthor(String author);|long (or int)",
      "List<String> findByAuthor(String author);|List<Article>",
      "@Sql(\"SELECT * FROM article\") Page<Article> all(PageRequest page);|long or int (a count)",
  })
  @Covers(Message.OL057_QUERY_RETURN_TYPE)
  void unsupportedReturnType(String method, String fix) {
    JavaFileObject queries = queries("  " + method);
    Run run = compile(ARTICLE, queries);
    assertThat(run.compilation()).failed();
    assertThat(run.errors("OL057")).hasSize(1);
    assertThat(run.errors("OL057").get(0)).contains(fix);
    CatalogTest.assertFix(run, Message.OL057_QUERY_RETURN_TYPE);
    run.assertNothingWritten();
  }

  @Test
  @Covers(Message.OL058_SQL_PLACEHOLDER)
  void placeholderWithoutParameter() {
    JavaFileObject queries = queries("""
          @Sql("SELECT * FROM article WHERE author = :autor")
          List<Article> byAuthor(String author);
        """);
    Run run = compile(ARTICLE, queries);
    assertError(run, Message.OL058_SQL_PLACEHOLDER, queries, "@Sql(");
    assertThat(run.errors("OL058").get(0)).contains("uses :autor, but byAuthor has no parameter named autor");
    assertThat(run.errors("OL058").get(0)).contains("did you mean :author?");
  }

  @Test
  @Covers(Message.OL059_SQL_UNUSED_PARAMETER)
  void parameterWithoutPlaceholder() {
    JavaFileObject queries = queries("""
          @Sql("SELECT * FROM article WHERE author = :author AND title = ':title' -- :title")
          List<Article> byAuthor(String author, String title);
        """);
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL059_SQL_UNUSED_PARAMETER, queries, "List<Article> byAuthor");
    assertThat(run.errors("OL059").get(0)).contains("the parameter title, which its @Sql does not use");
  }

  @Test
  @Covers(Message.OL060_SQL_PARAMETER_TYPE)
  void parameterThatCannotBeBound() {
    JavaFileObject queries = queries("""
          @Sql("SELECT * FROM article WHERE author IN (:authors)")
          List<Article> byAuthors(List<String> authors);
        """);
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL060_SQL_PARAMETER_TYPE, queries, "List<Article> byAuthors");
  }

  @Test
  @Covers(Message.OL061_QUERY_NAME_TAKEN)
  void nameOfARepositoryMethod() {
    JavaFileObject queries = queries("  Optional<Article> findById(long id);");
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL061_QUERY_NAME_TAKEN, queries, "findById");
    assertThat(run.errors("OL061").get(0)).contains("for example findOneById");
  }

  /**
   * {@code @Sql} reads: a statement that writes would change rows without the version check, the
   * lost update optilock exists to stop, so it is a compile error.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "UPDATE article SET title = :title RETURNING *|starts with UPDATE",
      "  /* note */ delete from article where title = :title returning *|starts with DELETE",
      "INSERT INTO article (title) VALUES (:title) RETURNING *|starts with INSERT",
      "WITH w AS (UPDATE article SET title = :title RETURNING *) SELECT * FROM w|writes with UPDATE",
      "WITH w AS (DELETE FROM article WHERE title = :title RETURNING *) SELECT * FROM w|writes with DELETE",
      "WITH w AS (INSERT INTO article (title) VALUES (:title) RETURNING *) SELECT * FROM w|writes with INSERT",
      "SELECT * FROM article WHERE title = :title; DELETE FROM article|holds a second statement",
  })
  @Covers(Message.OL062_SQL_NOT_A_READ)
  void sqlThatWrites(String sql, String why) {
    JavaFileObject queries = queries("""
          @Sql("%s")
          List<Article> byTitle(String title);
        """.formatted(sql));
    Run run = compile(ARTICLE, queries);
    assertOnlyError(run, Message.OL062_SQL_NOT_A_READ, queries, "@Sql(");
    assertThat(run.errors("OL062").get(0)).contains("the @Sql of byTitle " + why + ", but a query only reads");
    CatalogTest.assertFix(run, Message.OL062_SQL_NOT_A_READ);
  }

  /** What looks like a write but is not one compiles: locking reads, words in text and names. */
  @Test
  void sqlThatOnlyLooksLikeAWriteCompiles() {
    JavaFileObject queries = queries("""
          @Sql("SELECT * FROM article WHERE title = :title FOR UPDATE")
          List<Article> lockedByTitle(String title);
          @Sql("select * from article where title = :title for no key update;")
          List<Article> keyLockedByTitle(String title);
          @Sql("WITH t AS (SELECT * FROM article WHERE title <> 'DELETE; UPDATE') SELECT * FROM t WHERE author = :author")
          List<Article> notDeleted(String author);
          @Sql("(SELECT * FROM article WHERE author = :author) -- ; DELETE FROM article")
          List<Article> byAuthor(String author);
          @Sql("SELECT * FROM article WHERE \\\"update\\\" IS NULL OR title = :title")
          List<Article> quoted(String title);
        """);
    Run run = compile(ARTICLE, queries);
    assertThat(run.compilation()).succeededWithoutWarnings();
  }

  @Test
  void anEntityWithErrorsGetsNoSecondErrorForItsQueries() {
    JavaFileObject broken = source("test.Broken", """
        package test;

        import dev.optilock.*;

        public record Broken(@Id long id, @VersionField String version) {}
        """);
    JavaFileObject queries = source("test.BrokenQueries", """
        package test;

        import dev.optilock.*;
        import java.util.List;

        @Queries(Broken.class)
        public interface BrokenQueries {
          List<Broken> findById2(long id);
        }
        """);
    Run run = compile(broken, queries);
    assertThat(run.errors("OL002")).hasSize(1);
    assertThat(run.errors("OL051")).isEmpty();
    run.assertNothingWritten();
  }

  @Test
  void everyProblemOfAnInterfaceIsReportedAtOnce() {
    JavaFileObject queries = queries("""
          List<Article> findByAutor(String author);
          long countByTitle(int title);
          @Sql("SELECT * FROM article WHERE id = :key")
          Optional<Article> byKey(long id);
        """);
    Run run = compile(ARTICLE, queries);
    assertThat(run.errors("OL054")).hasSize(1);
    assertThat(run.errors("OL056")).hasSize(1);
    assertThat(run.errors("OL058")).hasSize(1);
    assertThat(run.errors("OL059")).hasSize(1);
    run.assertNothingWritten();
  }
}
