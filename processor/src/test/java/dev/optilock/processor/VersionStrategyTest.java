package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.GeneratedCodeTest.flat;
import static dev.optilock.processor.GeneratedCodeTest.sql;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The version strategies and conditions of {@code @VersionField}: every valid combination compiles
 * cleanly, for a record and for a class, and the SQL says what the strategy means.
 */
class VersionStrategyTest {

  private static Run record(String annotation, String type) {
    return compile(source("test.Page", """
        package test;

        import dev.optilock.*;

        public record Page(
            @Id long id,
            String title,
            String hits,
            %s %s version) {}
        """.formatted(annotation, type)));
  }

  private static Run javaBean(String annotation, String type) {
    return compile(source("test.Page", """
        package test;

        import dev.optilock.*;

        public class Page {
          @Id private long id;
          private String title;
          private String hits;
          %s private %s version;

          public long getId() { return id; }
          public void setId(long id) { this.id = id; }
          public String getTitle() { return title; }
          public void setTitle(String title) { this.title = title; }
          public String getHits() { return hits; }
          public void setHits(String hits) { this.hits = hits; }
          public %s getVersion() { return version; }
          public void setVersion(%s version) { this.version = version; }
        }
        """.formatted(annotation, type, type, type)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      @VersionField                                          | int                      | version int VERSION INCREMENT
      @VersionField(strategy = VersionStrategy.INCREMENT)    | Long                     | version Long VERSION INCREMENT
      @VersionField                                          | java.time.Instant        | version Instant VERSION TIMESTAMP
      @VersionField                                          | java.time.LocalDateTime  | version LocalDateTime VERSION TIMESTAMP
      @VersionField                                          | java.time.OffsetDateTime | version OffsetDateTime VERSION TIMESTAMP
      @VersionField(strategy = VersionStrategy.TIMESTAMP)    | long                     | version long VERSION TIMESTAMP
      @VersionField                                          | java.util.UUID           | version UUID VERSION RANDOM
      @VersionField(strategy = VersionStrategy.RANDOM)       | java.util.UUID           | version UUID VERSION RANDOM
      """)
  void applicationComputedVersions(String annotation, String type, String schemaLine) {
    for (Run run : new Run[] {record(annotation, type), javaBean(annotation, type)}) {
      assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
      assertThat(run.compilation()).succeededWithoutWarnings();
      String code = run.generated("test.PageRepository");
      // The SCHEMA line tells the engine how the version moves (EngineTest runs each strategy).
      assertThat(code).contains("\"" + schemaLine + "\"");
      assertThat(sql(code).get("UPDATE")).isEqualTo("UPDATE \"page\" SET \"title\" = ?, \"hits\" = ?,"
          + " \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?");
      assertThat(publicMethods(run)).containsExactly("createTable", "createTableSql", "delete",
          "deleteAll", "findAll", "findById",
          "findByIdAndVersion", "fromRow", "idOf", "ifUnchanged", "insert", "isChanged", "modify", "save",
          "schema", "tryUpdate", "update", "updateAll", "updateUnchecked", "updateWithoutIncrement",
          "verifySchema", "versionOf");
    }
  }

  @Test
  void triggerMaintainedVersion() {
    for (Run run : new Run[] {
        record("@VersionField(strategy = VersionStrategy.TRIGGER)", "long"),
        javaBean("@VersionField(strategy = VersionStrategy.TRIGGER, triggerName = \"page_v\")", "Long")}) {
      assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
      assertThat(run.compilation()).succeededWithoutWarnings();
      String code = run.generated("test.PageRepository");
      Map<String, String> sql = sql(code);
      // The application never writes the version on update; the trigger does.
      assertThat(sql.get("UPDATE")).isEqualTo(
          "UPDATE \"page\" SET \"title\" = ?, \"hits\" = ? WHERE \"id\" = ? AND \"version\" = ?");
      assertThat(sql.get("UPDATE_RETURNING")).isEqualTo("UPDATE \"page\" SET \"title\" = ?,"
          + " \"hits\" = ? WHERE \"id\" = ? AND \"version\" = ? RETURNING \"version\"");
      assertThat(code).contains("\"version " + (code.contains("Long VERSION") ? "Long" : "long")
          + " VERSION TRIGGER ");
      // no updateWithoutIncrement: the trigger moves the version on every UPDATE
      assertThat(publicMethods(run)).containsExactly("createTable", "createTableSql",
          "createTriggers", "delete", "deleteAll",
          "dropTriggers", "findAll", "findById", "findByIdAndVersion", "fromRow", "idOf", "ifUnchanged",
          "insert", "isChanged", "modify", "save", "schema", "tryUpdate", "update", "updateAll",
          "updateUnchecked", "verifySchema", "versionOf");
    }
  }

  @Test
  void triggerListNamesEveryTriggerEntity() {
    Run run = compile(
        source("test.Page", """
            package test;

            import dev.optilock.*;

            public record Page(@Id long id, String title,
                @VersionField(strategy = VersionStrategy.TRIGGER) long version) {}
            """),
        source("test.Wiki", """
            package test;

            import dev.optilock.*;

            @Table("wiki_page")
            public record Wiki(@Id String slug, String text,
                @VersionField(strategy = VersionStrategy.TRIGGER, triggerName = "wiki_rev") int rev) {}
            """),
        source("test.Plain", """
            package test;

            import dev.optilock.*;

            public record Plain(@Id long id, @VersionField long version) {}
            """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.processor().originatingElements())
        .containsEntry("/META-INF/optilock/triggers.list (resource)",
            java.util.List.of("test.Page", "test.Wiki"));
    String list = run.resource("META-INF/optilock/triggers.list");
    assertThat(list.lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
        "test.Page\tpage\tid\tversion\toptilock_page_version",
        "test.Wiki\twiki_page\tslug\trev\twiki_rev");
  }

  @Test
  void checkFieldsMovesTheVersionOnlyWhenTheyChange() {
    Run run = record("@VersionField(checkFields = \"title\")", "long");
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
    Map<String, String> sql = sql(run.generated("test.PageRepository"));
    assertThat(sql.get("UPDATE")).isEqualTo("UPDATE \"page\" SET \"version\" = CASE WHEN \"title\""
        + " IS DISTINCT FROM ? THEN ? ELSE \"version\" END, \"title\" = ?, \"hits\" = ?"
        + " WHERE \"id\" = ? AND \"version\" = ?");
    assertThat(sql.get("UPDATE_MYSQL")).isEqualTo("UPDATE `page` SET `version` = CASE WHEN NOT"
        + " (`title` <=> ?) THEN ? ELSE `version` END, `title` = ?, `hits` = ?"
        + " WHERE `id` = ? AND `version` = ?");
  }

  @Test
  void ignoreFieldsChecksEveryOtherColumn() {
    Run run = javaBean("@VersionField(ignoreFields = \"hits\")", "int");
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.PageRepository");
    assertThat(sql(code).get("UPDATE")).isEqualTo("UPDATE \"page\" SET \"version\" = CASE WHEN"
        + " \"title\" IS DISTINCT FROM ? THEN ? ELSE \"version\" END, \"title\" = ?, \"hits\" = ?"
        + " WHERE \"id\" = ? AND \"version\" = ?");
    // binds follow the statement: the mapping binds the compared title; the engine the next
    // version; the mapping title and hits; the engine id and expected version
    assertThat(flat(code)).contains(flat("""
        statement.setString(index, page.getTitle());
        return index + 1;
        """));
    assertThat(flat(code)).contains(flat("""
        statement.setString(index, page.getTitle());
        statement.setString(index + 1, page.getHits());
        return index + 2;
        """));
    assertThat(code).contains("SCHEMA, BOXED_VERSION, PageRepository::createTableSql, \"title\");");
  }

  private static java.util.List<String> publicMethods(Run run) {
    try {
      Class<?> repository = run.classLoader().loadClass("test.PageRepository");
      return GeneratedCodeTest.publicContract(repository).keySet().stream()
          .map(signature -> signature.substring(0, signature.indexOf('(')))
          .distinct()
          .sorted()
          .toList();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
