package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.QueryCatalogTest.ARTICLE;
import static dev.optilock.processor.QueryCatalogTest.queries;
import static dev.optilock.processor.TestCompiler.compile;

import dev.optilock.processor.TestCompiler.Run;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every keyword of the derived-query vocabulary: the condition and ordering the processor writes
 * for it (over property names; the runtime's {@code Query} turns them into quoted columns), and
 * that the repository compiles cleanly. What the SQL does is proven on the databases by the
 * samples' {@code QueriesTest}.
 */
class QueryKeywordTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "List<Article> findByAuthor(String a);|{author} = ?||0",
      "List<Article> findByAuthorIs(String a);|{author} = ?||0",
      "List<Article> findByAuthorEquals(String a);|{author} = ?||0",
      "List<Article> findByAuthorNot(String a);|{author} <> ?||0",
      "List<Article> findByAuthorIsNot(String a);|{author} <> ?||0",
      "List<Article> findByRatingLessThan(int r);|{rating} < ?||0",
      "List<Article> findByRatingLessThanEqual(int r);|{rating} <= ?||0",
      "List<Article> findByRatingGreaterThan(Integer r);|{rating} > ?||0",
      "List<Article> findByRatingGreaterThanEqual(int r);|{rating} >= ?||0",
      "List<Article> findByRatingBetween(int a, int b);|{rating} BETWEEN ? AND ?||0",
      "List<Article> findByRatingBefore(int r);|{rating} < ?||0",
      "List<Article> findByRatingAfter(int r);|{rating} > ?||0",
      "List<Article> findByAuthorIn(Collection<String> a);|{author} IN (#)||0",
      "List<Article> findByAuthorNotIn(Set<String> a);|{author} NOT IN (#)||0",
      "List<Article> findByRatingIsNull();|{rating} IS NULL||0",
      "List<Article> findByRatingIsNotNull();|{rating} IS NOT NULL||0",
      "List<Article> findByAuthorLike(String p);|{author} LIKE ?||0",
      "List<Article> findByAuthorNotLike(String p);|{author} NOT LIKE ?||0",
      "List<Article> findByAuthorStartingWith(String p);|{author} LIKE ? ESCAPE '!'||0",
      "List<Article> findByAuthorEndingWith(String p);|{author} LIKE ? ESCAPE '!'||0",
      "List<Article> findByAuthorContaining(String p);|{author} LIKE ? ESCAPE '!'||0",
      "List<Article> findByAuthorIgnoreCase(String a);|LOWER({author}) = LOWER(?)||0",
      "List<Article> findByAuthorContainingIgnoreCase(String a);|LOWER({author}) LIKE LOWER(?) ESCAPE '!'||0",
      "List<Article> findByDraftTrue();|{draft} = ?||0",
      "List<Article> findByDraftFalse();|{draft} = ?||0",
      "List<Article> findByAuthorAndTitle(String a, String t);|{author} = ? AND {title} = ?||0",
      "List<Article> findByAuthorOrTitle(String a, String t);|{author} = ? OR {title} = ?||0",
      "List<Article> findByAuthorOrderByTitleAsc(String a);|{author} = ?|{title} ASC|0",
      "List<Article> findByAuthorOrderByRatingDescTitle(String a);|{author} = ?|{rating} DESC, {title} ASC|0",
      "List<Article> findAllByOrderByTitleDesc();||{title} DESC|0",
      "Optional<Article> findFirstByAuthor(String a);|{author} = ?||1",
      "List<Article> findTop10ByAuthor(String a);|{author} = ?||10",
      "List<Article> findFirst3ByOrderByRatingDesc();||{rating} DESC|3",
      "long countByAuthor(String a);|{author} = ?||0",
      "int countByDraftTrue();|{draft} = ?||0",
      "boolean existsByAuthor(String a);|{author} = ?||0",
      "Stream<Article> streamByAuthor(String a);|{author} = ?||0",
      "List<Article> readByAuthor(String a);|{author} = ?||0",
      "Article getByTitle(String t);|{title} = ?||0",
      "Page<Article> findByAuthor(String a, PageRequest page, Sort sort);|{author} = ?||0",
      "List<Article> findByAuthor(String a, Sort sort, Limit limit);|{author} = ?||0",
      "List<Article> findByStatusIn(List<Article.Status> s);|{status} IN (#)||0",
  })
  void keyword(String method, String where, String orderBy, int first) {
    Run run = compile(ARTICLE, queries("  " + method));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String generated = run.generated("test.ArticleRepository");
    String name = method.substring(method.indexOf(' ', method.indexOf('>') + 1) + 1, method.indexOf('('));
    if (method.startsWith("long") || method.startsWith("int") || method.startsWith("boolean")) {
      name = method.substring(method.indexOf(' ') + 1, method.indexOf('('));
    }
    assertThat(generated).contains(String.format("Query.derived(SCHEMA, PROPERTIES, \"%s\",", name));
    assertThat(generated).contains(String.format("\"%s\", \"%s\", %d)",
        where == null ? "" : where, orderBy == null ? "" : orderBy, first));
    assertThat(generated).contains("implements ArticleQueries");
  }

  @Test
  void propertiesAreMatchedLongestFirstAndOrIsNotTakenFromInsideAName() {
    JavaFileObject entity = TestCompiler.source("test.Shop", """
        package test;

        import dev.optilock.*;

        public record Shop(@Id long id, String order, String orderNote, String ordinal, String color,
            @VersionField long version) {}
        """);
    JavaFileObject queries = TestCompiler.source("test.ShopQueries", """
        package test;

        import dev.optilock.*;
        import java.util.List;

        @Queries(Shop.class)
        public interface ShopQueries {
          List<Shop> findByOrderNoteOrOrdinal(String note, String ordinal);
          List<Shop> findByOrderOrderByColor(String order);
          List<Shop> findByColorOrOrder(String color, String order);
        }
        """);
    Run run = compile(entity, queries);
    assertThat(run.compilation()).succeededWithoutWarnings();
    String generated = run.generated("test.ShopRepository");
    assertThat(generated).contains("\"{orderNote} = ? OR {ordinal} = ?\", \"\", 0)");
    assertThat(generated).contains("\"{order} = ?\", \"{color} ASC\", 0)");
    assertThat(generated).contains("\"{color} = ? OR {order} = ?\", \"\", 0)");
  }

  @Test
  void severalInterfacesOneRepositoryAndParametersNamedLikeGeneratedLocals() {
    JavaFileObject more = TestCompiler.source("test.MoreQueries", """
        package test;

        import dev.optilock.*;
        import java.util.List;

        @Queries(Article.class)
        public interface MoreQueries {
          List<Article> findByAuthorAndTitle(String statement, String dialect);
          @Sql("SELECT * FROM article WHERE author = :index AND title = :engine")
          List<Article> odd(String index, String engine);
        }
        """);
    Run run = compile(ARTICLE, queries("  long countByAuthor(String author);"), more);
    assertThat(run.compilation()).succeededWithoutWarnings();
    String generated = run.generated("test.ArticleRepository");
    assertThat(generated).contains("implements ArticleQueries, MoreQueries");
    List<String> placeholders = new ArrayList<>();
    assertThat(QueryReader.placeholders(
        "SELECT ':a', \"b:c\", x::text, `:d` -- :e\n /* :f */ FROM t WHERE a = :g AND b = :g", placeholders))
        .isEqualTo("SELECT ':a', \"b:c\", x::text, `:d` -- :e\n /* :f */ FROM t WHERE a = ? AND b = ?");
    assertThat(placeholders).containsExactly("g", "g");
  }
}
