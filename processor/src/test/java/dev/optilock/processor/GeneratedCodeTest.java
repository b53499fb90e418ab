package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.Statements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.sql.DataSource;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid entities of every shape the reader accepts: each compiles with no warning at all (under
 * {@code -Xlint:all}), its repository compiles with it, has the public contract of DESIGN.md, and
 * reaches the entity the way the shape says (accessor, getter/setter, field, constructor).
 */
class GeneratedCodeTest {

  // ---- shapes ----

  @Test
  void recordEntity() {
    Run run = compile(source("test.Article", """
        package test;

        import dev.optilock.*;

        public record Article(@Id long id, String title, String body, @VersionField long version) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Article", "long", "long");
    String code = run.generated("test.ArticleRepository");
    // A new version means a new instance; a long version stays unboxed on update's hot path.
    assertThat(code).contains("SCHEMA, LONG_VERSION, ArticleRepository::createTableSql");
    assertThat(code).contains("protected long bindUpdateLong(PreparedStatement statement");
    assertThat(code).contains("return new Article(article.id(), article.title(), article.body(),"
        + " version);");
    // The methods every repository shares are inherited: each one call into the engine, which owns
    // the protocol; the class adds only the primitive-key overloads and what its strategy has.
    assertThat(code).contains(
        "public final class ArticleRepository extends EngineRepository<Article, Long, Long> {");
    assertThat(code).doesNotContain("public Article update(");
    assertThat(code).contains("public Optional<Article> findById(long id) {\n"
        + "        return engine.findById(id);");
  }

  @Test
  void javaBeanWithNoArgConstructor() {
    Run run = compile(source("test.Customer", """
        package test;

        import dev.optilock.*;

        public class Customer {
          @Id private long id;
          private String name;
          private boolean active;
          @VersionField private int version;

          public Customer() {}

          public long getId() { return id; }
          public void setId(long id) { this.id = id; }
          public String getName() { return name; }
          public void setName(String name) { this.name = name; }
          public boolean isActive() { return active; }
          public void setActive(boolean active) { this.active = active; }
          public int getVersion() { return version; }
          public void setVersion(int version) { this.version = version; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Customer", "long", "int");
    String code = run.generated("test.CustomerRepository");
    assertThat(code).contains("statement.setString(index, customer.getName());");
    assertThat(code).contains("statement.setBoolean(index + 1, customer.isActive());");
    assertThat(code).contains("Customer entity = new Customer();");
    assertThat(code).contains("entity.setId(resultSet.getLong(columns[0]));");
    assertThat(code).contains("entity.setName(resultSet.getString(columns[1]));");
    assertThat(code).contains("entity.setActive(resultSet.getBoolean(columns[2]));");
    assertThat(code).contains("entity.setVersion(resultSet.getInt(columns[3]));");
    // Classes are updated in place and returned.
    assertThat(code).contains("customer.setVersion((Integer) version);\n        return customer;");
  }

  @Test
  void packagePrivateFields() {
    Run run = compile(source("test.Customer", """
        package test;

        import dev.optilock.*;

        public class Customer {
          @Id long id;
          String name;
          @VersionField long version;
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Customer", "long", "long");
    String code = run.generated("test.CustomerRepository");
    assertThat(code).contains("statement.setString(index, customer.name);");
    assertThat(code).contains("entity.name = resultSet.getString(columns[1]);");
    assertThat(code).contains("customer.version = version;");
  }

  @Test
  void allColumnsConstructorWithVersionSetter() {
    Run run = compile(source("test.Customer", """
        package test;

        import dev.optilock.*;

        public class Customer {
          @Id private final long id;
          private final String name;
          @VersionField private long version;

          public Customer(long id, String name, long version) {
            this.id = id;
            this.name = name;
            this.version = version;
          }

          public long getId() { return id; }
          public String getName() { return name; }
          public long getVersion() { return version; }
          public void setVersion(long version) { this.version = version; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Customer", "long", "long");
    String code = run.generated("test.CustomerRepository");
    assertThat(code).contains("return new Customer(\n"
        + "                resultSet.getLong(columns[0]),\n"
        + "                resultSet.getString(columns[1]),\n"
        + "                resultSet.getLong(columns[2]));");
    assertThat(code).contains("customer.setVersion(version);");
    assertThat(code).doesNotContain("new Customer()");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      int     | Integer
      long    | Long
      Integer | Integer
      Long    | Long
      """)
  void versionTypes(String type, String boxed) {
    Run run = compile(source("test.Article", """
        package test;

        import dev.optilock.*;

        public record Article(@Id long id, String title, @VersionField %s version) {}
        """.formatted(type)));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Article", "long", type.equals("Integer") || type.equals("Long")
        ? "java.lang." + type : type);
    String code = run.generated("test.ArticleRepository");
    // The engine makes and compares versions by the type SCHEMA names (EngineTest runs them all);
    // the repository only casts the new version back (a primitive long is passed unboxed).
    assertThat(code).contains("\"version " + type + " VERSION INCREMENT\"");
    assertThat(code).contains(type.equals("long") ? "article.title(), version);"
        : "article.title(), (" + boxed + ") version);");
    assertThat(code.contains("SCHEMA, LONG_VERSION, ")).isEqualTo(type.equals("long"));
  }

  @Test
  void everySupportedColumnTypeInARecord() {
    Run run = compile(source("test.Everything", """
        package test;

        import dev.optilock.*;
        import java.math.BigDecimal;
        import java.time.Instant;
        import java.time.LocalDate;
        import java.time.LocalDateTime;
        import java.time.OffsetDateTime;
        import java.util.UUID;

        public record Everything(
            @Id UUID id,
            String text,
            boolean flag, Boolean boxedFlag,
            byte tiny, Byte boxedTiny,
            short small, Short boxedSmall,
            int number, Integer boxedNumber,
            long big, Long boxedBig,
            float ratio, Float boxedRatio,
            double amount, Double boxedAmount,
            char letter, Character boxedLetter,
            BigDecimal price,
            byte[] blob,
            UUID reference,
            Colour colour,
            LocalDate day,
            LocalDateTime moment,
            Instant stamp,
            OffsetDateTime zoned,
            @VersionField long version) {

          public enum Colour { RED, GREEN }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Everything", "java.util.UUID", "long");
    String code = run.generated("test.EverythingRepository");
    // the columns but key and version, then the key, then the version: the order the mapping binds
    assertThat(sql(code).get("INSERT")).isEqualTo("INSERT INTO \"everything\" (\"text\","
        + " \"flag\", \"boxed_flag\", \"tiny\", \"boxed_tiny\", \"small\", \"boxed_small\","
        + " \"number\", \"boxed_number\", \"big\", \"boxed_big\", \"ratio\", \"boxed_ratio\","
        + " \"amount\", \"boxed_amount\", \"letter\", \"boxed_letter\", \"price\", \"blob\","
        + " \"reference\", \"colour\", \"day\", \"moment\", \"stamp\", \"zoned\", \"id\", \"version\")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?)");
    assertThat(code).contains("\"id UUID KEY\""); // the engine binds a UUID key with the dialect
    assertThat(code).contains("statement.setString(index, everything.text());");
    assertThat(code).contains("Columns.setBoolean(statement, index + 2, everything.boxedFlag());");
    assertThat(code).contains("Columns.setChar(statement, index + 15, everything.letter());");
    assertThat(code).contains("statement.setBytes(index + 18, everything.blob());");
    assertThat(code).contains("Columns.setEnum(statement, index + 20, everything.colour());");
    assertThat(code).contains("dialect.setOffsetDateTime(statement, index + 24, everything.zoned());");
    assertThat(code).contains("return index + 25;");
    assertThat(code).contains("Columns.getPrimitiveChar(resultSet, columns[16])");
    assertThat(code).contains("Columns.getEnum(resultSet, columns[21], Everything.Colour::valueOf)");
    assertThat(code).contains("dialect.getInstant(resultSet, columns[24])");
  }

  @Test
  void everySupportedColumnTypeInAClassWithFields() {
    Run run = compile(source("test.Everything", """
        package test;

        import dev.optilock.*;
        import java.math.BigDecimal;
        import java.time.Instant;
        import java.time.LocalDate;
        import java.time.LocalDateTime;
        import java.time.OffsetDateTime;
        import java.util.UUID;

        public class Everything {
          @Id String id;
          boolean flag; Boolean boxedFlag;
          byte tiny; Byte boxedTiny;
          short small; Short boxedSmall;
          int number; Integer boxedNumber;
          long big; Long boxedBig;
          float ratio; Float boxedRatio;
          double amount; Double boxedAmount;
          char letter; Character boxedLetter;
          BigDecimal price;
          byte[] blob;
          UUID reference;
          java.time.DayOfWeek weekday;
          LocalDate day;
          LocalDateTime moment;
          Instant stamp;
          OffsetDateTime zoned;
          @VersionField Integer version;
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Everything", "java.lang.String", "java.lang.Integer");
    String code = run.generated("test.EverythingRepository");
    assertThat(code).contains("entity.weekday = Columns.getEnum(resultSet, columns[20], DayOfWeek::valueOf);");
    assertThat(code).contains("entity.boxedLetter = Columns.getChar(resultSet, columns[16]);");
    assertThat(code).contains("entity.blob = resultSet.getBytes(columns[18]);");
  }

  @Test
  void reservedWordAsTableName() {
    Run run = compile(source("test.Order", """
        package test;

        import dev.optilock.*;

        @Table("order")
        public record Order(@Id long id, String customer, @VersionField long version) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    Map<String, String> sql = sql(run.generated("test.OrderRepository"));
    assertThat(sql.get("INSERT")).isEqualTo(
        "INSERT INTO \"order\" (\"customer\", \"id\", \"version\") VALUES (?, ?, ?)");
    assertThat(sql.get("INSERT_MYSQL")).isEqualTo(
        "INSERT INTO `order` (`customer`, `id`, `version`) VALUES (?, ?, ?)");
    assertThat(sql.get("UPDATE")).isEqualTo(
        "UPDATE \"order\" SET \"customer\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?");
    assertThat(sql.get("DELETE_MYSQL")).isEqualTo(
        "DELETE FROM `order` WHERE `id` = ? AND `version` = ?");
  }

  @Test
  void defaultNamesAreSnakeCase() {
    Run run = compile(source("test.BlogPost", """
        package test;

        import dev.optilock.*;
        import java.time.Instant;

        public record BlogPost(
            @Id long postId,
            Instant createdAt,
            String pageURL,
            @Column("headline") String title,
            @VersionField long rowVersion) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    Map<String, String> sql = sql(run.generated("test.BlogPostRepository"));
    String columns = "\"post_id\", \"created_at\", \"page_url\", \"headline\", \"row_version\"";
    String inserted = "\"created_at\", \"page_url\", \"headline\", \"post_id\", \"row_version\"";
    assertThat(sql).containsExactly(
        "INSERT", "INSERT INTO \"blog_post\" (" + inserted + ") VALUES (?, ?, ?, ?, ?)",
        "INSERT_MYSQL", "INSERT INTO `blog_post` (" + inserted.replace('"', '`')
            + ") VALUES (?, ?, ?, ?, ?)",
        "SELECT_BY_ID", "SELECT " + columns + " FROM \"blog_post\" WHERE \"post_id\" = ?",
        "SELECT_BY_ID_MYSQL", "SELECT " + columns.replace('"', '`')
            + " FROM `blog_post` WHERE `post_id` = ?",
        "SELECT_ALL", "SELECT " + columns + " FROM \"blog_post\" ORDER BY \"post_id\"",
        "SELECT_ALL_MYSQL", "SELECT " + columns.replace('"', '`')
            + " FROM `blog_post` ORDER BY `post_id`",
        "SELECT_BY_ID_AND_VERSION", "SELECT " + columns
            + " FROM \"blog_post\" WHERE \"post_id\" = ? AND \"row_version\" = ?",
        "SELECT_BY_ID_AND_VERSION_MYSQL", "SELECT " + columns.replace('"', '`')
            + " FROM `blog_post` WHERE `post_id` = ? AND `row_version` = ?",
        "SELECT_VERSION", "SELECT \"row_version\" FROM \"blog_post\" WHERE \"post_id\" = ?",
        "SELECT_VERSION_MYSQL", "SELECT `row_version` FROM `blog_post` WHERE `post_id` = ?",
        "UPDATE", "UPDATE \"blog_post\" SET \"created_at\" = ?, \"page_url\" = ?, \"headline\" = ?,"
            + " \"row_version\" = ? WHERE \"post_id\" = ? AND \"row_version\" = ?",
        "UPDATE_MYSQL", "UPDATE `blog_post` SET `created_at` = ?, `page_url` = ?, `headline` = ?,"
            + " `row_version` = ? WHERE `post_id` = ? AND `row_version` = ?",
        "DELETE", "DELETE FROM \"blog_post\" WHERE \"post_id\" = ? AND \"row_version\" = ?",
        "DELETE_MYSQL", "DELETE FROM `blog_post` WHERE `post_id` = ? AND `row_version` = ?",
        "UPDATE_UNCHECKED", "UPDATE \"blog_post\" SET \"created_at\" = ?, \"page_url\" = ?,"
            + " \"headline\" = ?, \"row_version\" = \"row_version\" + 1 WHERE \"post_id\" = ?"
            + " AND \"row_version\" < 9223372036854775807",
        "UPDATE_UNCHECKED_MYSQL", "UPDATE `blog_post` SET `created_at` = ?, `page_url` = ?,"
            + " `headline` = ?, `row_version` = `row_version` + 1 WHERE `post_id` = ?"
            + " AND `row_version` < 9223372036854775807",
        "UPDATE_UNCHECKED_RETURNING", "UPDATE \"blog_post\" SET \"created_at\" = ?,"
            + " \"page_url\" = ?, \"headline\" = ?, \"row_version\" = \"row_version\" + 1"
            + " WHERE \"post_id\" = ? AND \"row_version\" < 9223372036854775807"
            + " RETURNING \"row_version\"",
        "UPDATE_WITHOUT_INCREMENT", "UPDATE \"blog_post\" SET \"created_at\" = ?,"
            + " \"page_url\" = ?, \"headline\" = ? WHERE \"post_id\" = ? AND \"row_version\" = ?",
        "UPDATE_WITHOUT_INCREMENT_MYSQL", "UPDATE `blog_post` SET `created_at` = ?,"
            + " `page_url` = ?, `headline` = ? WHERE `post_id` = ? AND `row_version` = ?",
        "DELETE_UNCHECKED", "DELETE FROM \"blog_post\" WHERE \"post_id\" = ?",
        "DELETE_UNCHECKED_MYSQL", "DELETE FROM `blog_post` WHERE `post_id` = ?",
        "SELECT_VERSIONS",
        "SELECT \"post_id\", \"row_version\" FROM \"blog_post\" WHERE \"post_id\" IN (",
        "SELECT_VERSIONS_MYSQL", "SELECT `post_id`, `row_version` FROM `blog_post` WHERE `post_id` IN (",
        "SELECT_VERSIONS_WHERE", "SELECT \"post_id\", \"row_version\" FROM \"blog_post\" WHERE ",
        "SELECT_VERSIONS_WHERE_MYSQL", "SELECT `post_id`, `row_version` FROM `blog_post` WHERE ",
        "KEY_CONDITION", "\"post_id\" = ?",
        "KEY_CONDITION_MYSQL", "`post_id` = ?",
        "MATCH", "SELECT ?, \"post_id\", \"row_version\", CASE WHEN \"row_version\" = ? THEN 1 ELSE 0 END"
            + " FROM \"blog_post\" WHERE \"post_id\" = ?",
        "MATCH_MYSQL", "SELECT ?, `post_id`, `row_version`, CASE WHEN `row_version` = ? THEN 1 ELSE 0 END"
            + " FROM `blog_post` WHERE `post_id` = ?",
        "LOCK", "UPDATE \"blog_post\" SET \"post_id\" = \"post_id\" WHERE 1 = 0");
    // The CREATE TABLE statements; their types per database:
    String code = run.generated("test.BlogPostRepository");
    assertThat(ddl(code, Dialect.SQLITE)).contains("\"created_at\" TEXT,\n");
    assertThat(ddl(code, Dialect.POSTGRESQL)).contains("\"created_at\" TIMESTAMPTZ,\n");
    assertThat(ddl(code, Dialect.MARIADB)).contains("`created_at` DATETIME(6),\n");
    assertThat(ddl(code, Dialect.POSTGRESQL)).contains("\"row_version\" BIGINT NOT NULL,\n");
    assertThat(ddl(code, Dialect.MARIADB)).contains("PRIMARY KEY (`post_id`)\n");
    assertThat(ddl(code, Dialect.MARIADB)).endsWith(") CHARACTER SET utf8mb4");
  }

  @Test
  void keyAndVersionAnywhereInTheColumnOrder() {
    Run run = compile(source("test.Note", """
        package test;

        import dev.optilock.*;

        public record Note(String text, @VersionField int version, @Id String code, int stars) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.NoteRepository");
    assertThat(sql(code).get("UPDATE")).isEqualTo("UPDATE \"note\" SET \"text\" = ?, \"stars\""
        + " = ?, \"version\" = ? WHERE \"code\" = ? AND \"version\" = ?");
    // the mapping binds the columns but key and version in declaration order; the engine then
    // binds the next version, the key and the expected version after them.
    assertThat(flat(code)).contains(flat("""
        statement.setString(index, note.text());
        statement.setInt(index + 1, note.stars());
        return index + 2;
        """));
  }

  @Test
  void staticTransientAndTransientAnnotatedFieldsAreNotColumns() {
    Run run = compile(source("test.Customer", """
        package test;

        import dev.optilock.*;

        public class Customer {
          static int instances;
          @Id long id;
          transient String cache;
          @Transient Object attachment;
          String name;
          @VersionField long version;
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.CustomerRepository");
    assertThat(sql(code).get("INSERT")).isEqualTo(
        "INSERT INTO \"customer\" (\"name\", \"id\", \"version\") VALUES (?, ?, ?)");
    assertThat(code).doesNotContain("cache");
    assertThat(code).doesNotContain("attachment");
    assertThat(code).doesNotContain("instances");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      public class Shop { public static class Item {         | test.Shop.Item      | test.Shop_ItemRepository
      public class Shop { public record Item(                | test.Shop.Item      | test.Shop_ItemRepository
      public interface Shop { class Item {                   | test.Shop.Item      | test.Shop_ItemRepository
      public class Shop { static class Aisle { static class Item { | test.Shop.Aisle.Item | test.Shop_Aisle_ItemRepository
      """)
  void nestedStaticEntity(String opening, String entity, String repository) {
    boolean isRecord = opening.contains("record");
    String body = isRecord
        ? "@Id long id, String name, @VersionField long version) {}"
        : "@Id long id; String name; @VersionField long version; }";
    String closing = "}".repeat((int) opening.chars().filter(c -> c == '{').count()
        - (isRecord ? 0 : 1));
    Run run = compile(source("test.Shop", """
        package test;

        import dev.optilock.*;

        %s
          %s
        %s
        """.formatted(opening, body, closing)));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly(repository);
    assertContract(run, entity, "long", "long");
    String simpleEntity = entity.substring("test.".length());
    assertThat(run.generated(repository)).contains("extends EngineRepository<" + simpleEntity + ", ");
  }

  @Test
  void entityInTheUnnamedPackage() {
    Run run = compile(source("Ticket", """
        import dev.optilock.*;

        public record Ticket(@Id long id, String subject, @VersionField long version) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly("TicketRepository");
  }

  /**
   * Generated methods have their own locals ({@code lease}, {@code statement}, {@code updated},
   * ...) and import JDK and runtime types; an entity called like one of them must still work.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Entity", "Current", "Statement", "Lease", "ResultSet", "Dialect", "Database", "Version",
      "Id", "Optional", "Objects", "List", "DataSource", "Versions", "Columns", "Generated",
      "RecordModifiedException", "SQLException",
  })
  void entityNamedLikeSomethingTheRepositoryUses(String name) {
    assertCompiles(name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Updated", "Deleted", "InitialVersion", "Returning", "StoredVersion"})
  void entityNamedLikeALocalOfTheGeneratedMethods(String name) {
    // A conditional timestamp version takes every code path: initialVersion, the read-back update.
    Run run = compile(source("test." + name, """
        package test;

        import dev.optilock.*;

        public record %s(@Id long id, String title,
            @VersionField(checkFields = "title") java.time.Instant version) {}
        """.formatted(name)));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
  }

  private static void assertCompiles(String name) {
    String idAnnotation = name.equals("Id") ? "@dev.optilock.Id" : "@Id";
    // A counter, and a conditional timestamp that takes the read-back update path.
    for (String version : List.of(
        "@VersionField long version",
        "@VersionField(checkFields = \"title\") java.time.Instant version")) {
      Run run = compile(source("test." + name, """
          package test;

          import dev.optilock.*;

          public record %s(%s long id, String title, %s) {}
          """.formatted(name, idAnnotation, version)));
      assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
      assertThat(run.compilation()).succeededWithoutWarnings();
      assertContract(run, "test." + name, "long",
          version.contains("Instant") ? "java.time.Instant" : "long");
    }
  }


  /** STYLE.md 8: a column type that another processor generates in a later round is waited for. */
  @Test
  void columnTypeGeneratedByAnotherProcessorIsWaitedFor() {
    Run run = compile(
        List.of(),
        List.of(new StatusWriter()),
        source("test.Ticket", """
            package test;

            import dev.optilock.*;

            public record Ticket(@Id long id, Status status, @VersionField long version) {}
            """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.written()).containsExactly("test.TicketRepository");
    assertThat(run.generated("test.TicketRepository"))
        .contains("Columns.getEnum(resultSet, columns[1], Status::valueOf)");
  }

  /** Writes {@code enum test.Status} in the first round, as a code generator would. */
  private static final class StatusWriter extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("test.Status").openWriter()) {
          out.write("package test;\n\npublic enum Status { OPEN, CLOSED }\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  // ---- composite keys ----

  @Test
  void compositeKeyOfARecord() {
    Run run = compile(List.of("-parameters"), source("test.OrderLine", """
        package test;

        import dev.optilock.*;

        public record OrderLine(
            @Id long orderId, @Id int lineNo, String product, int quantity,
            @VersionField long version) {}
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.OrderLine", List.of("long", "int"), "long");
    assertParameters(run, "test.OrderLineRepository", Map.of(
        "findById(long, int)", List.of("orderId", "lineNo"),
        "findByIdAndVersion(long, int, long)", List.of("orderId", "lineNo", "version"),
        "modify(long, int, java.util.function.UnaryOperator<test.OrderLine>)",
        List.of("orderId", "lineNo", "change"),
        "modify(long, int, java.util.function.UnaryOperator<test.OrderLine>,"
            + " dev.optilock.runtime.RetryPolicy)",
        List.of("orderId", "lineNo", "change", "policy")));

    String code = run.generated("test.OrderLineRepository");
    String columns = "\"order_id\", \"line_no\", \"product\", \"quantity\", \"version\"";
    String key = "\"order_id\" = ? AND \"line_no\" = ?";
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("INSERT", "INSERT INTO \"order_line\" (\"product\", \"quantity\", \"order_id\","
        + " \"line_no\", \"version\") VALUES (?, ?, ?, ?, ?)");
    expected.put("SELECT_BY_ID", "SELECT " + columns + " FROM \"order_line\" WHERE " + key);
    expected.put("SELECT_ALL",
        "SELECT " + columns + " FROM \"order_line\" ORDER BY \"order_id\", \"line_no\"");
    expected.put("SELECT_BY_ID_AND_VERSION",
        "SELECT " + columns + " FROM \"order_line\" WHERE " + key + " AND \"version\" = ?");
    expected.put("SELECT_VERSION", "SELECT \"version\" FROM \"order_line\" WHERE " + key);
    expected.put("UPDATE", "UPDATE \"order_line\" SET \"product\" = ?, \"quantity\" = ?,"
        + " \"version\" = ? WHERE " + key + " AND \"version\" = ?");
    expected.put("DELETE", "DELETE FROM \"order_line\" WHERE " + key + " AND \"version\" = ?");
    expected.put("UPDATE_UNCHECKED", "UPDATE \"order_line\" SET \"product\" = ?,"
        + " \"quantity\" = ?, \"version\" = \"version\" + 1 WHERE " + key
        + " AND \"version\" < 9223372036854775807");
    expected.put("UPDATE_WITHOUT_INCREMENT", "UPDATE \"order_line\" SET \"product\" = ?,"
        + " \"quantity\" = ? WHERE " + key + " AND \"version\" = ?");
    expected.put("DELETE_UNCHECKED", "DELETE FROM \"order_line\" WHERE " + key);
    expected.put("SELECT_VERSIONS", "SELECT \"order_id\", \"line_no\", \"version\""
        + " FROM \"order_line\" WHERE (\"order_id\", \"line_no\") IN (");
    expected.put("SELECT_VERSIONS_WHERE", "SELECT \"order_id\", \"line_no\", \"version\""
        + " FROM \"order_line\" WHERE ");
    expected.put("KEY_CONDITION", key);
    expected.put("MATCH", "SELECT ?, \"order_id\", \"line_no\", \"version\", CASE WHEN"
        + " \"version\" = ? THEN 1 ELSE 0 END FROM \"order_line\" WHERE " + key);
    // whole-number key parts: batches sort and match the keys in Java
    assertThat(code).containsMatch("protected boolean integralKey\\(\\) \\{\\s+return true;");
    Map<String, String> sql = sql(code);
    for (Map.Entry<String, String> statement : expected.entrySet()) {
      String name = statement.getKey();
      // SQLite and PostgreSQL, then MariaDB/MySQL: the same statement with backticks
      assertWithMessage(name).that(sql.get(name)).isEqualTo(statement.getValue());
      assertWithMessage(name + "_MYSQL").that(sql.get(name + "_MYSQL"))
          .isEqualTo(statement.getValue().replace('"', '`'));
    }
    assertThat(sql.get("UPDATE_UNCHECKED_RETURNING"))
        .isEqualTo(expected.get("UPDATE_UNCHECKED") + " RETURNING \"version\"");
    // the batches add one "(?, ?)" per row to SELECT_VERSIONS, and bind both parts of each key
    assertThat(sql.get("SELECT_VERSIONS")).endsWith("(\"order_id\", \"line_no\") IN (");
    assertThat(flat(code)).contains(flat("""
        CompositeKey key = (CompositeKey) id;
        statement.setLong(index, (Long) key.get(0));
        statement.setInt(index + 1, (Integer) key.get(1));
        """));
    // conflicts carry a CompositeKey of the parts, named as in Java
    assertThat(code).contains("List<String> KEY_NAMES = List.of(\"orderId\", \"lineNo\");");
    assertThat(code).contains(
        "CompositeKey.of(KEY_NAMES, orderLine.orderId(), orderLine.lineNo())");
    assertThat(ddl(code, Dialect.POSTGRESQL)).contains("PRIMARY KEY (\"order_id\", \"line_no\")\n");
    assertThat(ddl(code, Dialect.MARIADB)).contains("PRIMARY KEY (`order_id`, `line_no`)\n");
  }

  @Test
  void compositeKeyOfAClassTakesTheIdsInDeclarationOrderWhereverTheyAre() {
    Run run = compile(List.of("-parameters"), source("test.Booking", """
        package test;

        import dev.optilock.*;
        import java.time.LocalDate;

        public class Booking {
          private String guest;
          @Id private String room;
          @VersionField private Integer version;
          @Id private LocalDate day;
          private int nights;
          @Id private Integer slot;

          public String getGuest() { return guest; }
          public void setGuest(String guest) { this.guest = guest; }
          public String getRoom() { return room; }
          public void setRoom(String room) { this.room = room; }
          public Integer getVersion() { return version; }
          public void setVersion(Integer version) { this.version = version; }
          public LocalDate getDay() { return day; }
          public void setDay(LocalDate day) { this.day = day; }
          public int getNights() { return nights; }
          public void setNights(int nights) { this.nights = nights; }
          public Integer getSlot() { return slot; }
          public void setSlot(Integer slot) { this.slot = slot; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertContract(run, "test.Booking",
        List.of("java.lang.String", "java.time.LocalDate", "java.lang.Integer"),
        "java.lang.Integer");
    assertParameters(run, "test.BookingRepository", Map.of(
        "findById(java.lang.String, java.time.LocalDate, java.lang.Integer)",
        List.of("room", "day", "slot"),
        "findByIdAndVersion(java.lang.String, java.time.LocalDate, java.lang.Integer,"
            + " java.lang.Integer)",
        List.of("room", "day", "slot", "version"),
        "modify(java.lang.String, java.time.LocalDate, java.lang.Integer,"
            + " java.util.function.UnaryOperator<test.Booking>)",
        List.of("room", "day", "slot", "change")));

    // text and date key parts: only the database can compare and order the keys of a batch
    assertThat(run.generated("test.BookingRepository")).doesNotContain("integralKey");
    Map<String, String> sql = sql(run.generated("test.BookingRepository"));
    String key = "\"room\" = ? AND \"day\" = ? AND \"slot\" = ?";
    String columns = "\"guest\", \"room\", \"version\", \"day\", \"nights\", \"slot\"";
    assertThat(sql.get("SELECT_BY_ID"))
        .isEqualTo("SELECT " + columns + " FROM \"booking\" WHERE " + key);
    assertThat(sql.get("SELECT_BY_ID_MYSQL"))
        .isEqualTo(("SELECT " + columns + " FROM \"booking\" WHERE " + key).replace('"', '`'));
    assertThat(sql.get("SELECT_ALL")).isEqualTo(
        "SELECT " + columns + " FROM \"booking\" ORDER BY \"room\", \"day\", \"slot\"");
    assertThat(sql.get("SELECT_ALL_MYSQL")).isEqualTo(
        "SELECT " + columns.replace('"', '`') + " FROM `booking` ORDER BY `room`, `day`, `slot`");
    assertThat(sql.get("UPDATE")).isEqualTo("UPDATE \"booking\" SET \"guest\" = ?,"
        + " \"nights\" = ?, \"version\" = ? WHERE " + key + " AND \"version\" = ?");
    assertThat(sql.get("DELETE_MYSQL")).isEqualTo(
        "DELETE FROM `booking` WHERE `room` = ? AND `day` = ? AND `slot` = ? AND `version` = ?");
    assertThat(sql.get("SELECT_VERSIONS")).isEqualTo("SELECT \"room\", \"day\", \"slot\","
        + " \"version\" FROM \"booking\" WHERE (\"room\", \"day\", \"slot\") IN (");
    assertThat(sql.get("SELECT_VERSIONS_MYSQL")).isEqualTo("SELECT `room`, `day`, `slot`,"
        + " `version` FROM `booking` WHERE (`room`, `day`, `slot`) IN (");
    assertThat(sql.get("MATCH")).isEqualTo("SELECT ?, \"room\", \"day\", \"slot\", \"version\","
        + " CASE WHEN \"version\" = ? THEN 1 ELSE 0 END FROM \"booking\" WHERE " + key);
  }

  /** Every version strategy, and a conditional version, on a composite key. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      @VersionField long version                                      | long
      @VersionField java.time.Instant version                         | java.time.Instant
      @VersionField java.util.UUID version                            | java.util.UUID
      @VersionField(checkFields = "status") long version              | long
      @VersionField(strategy = VersionStrategy.TRIGGER) long version  | long
      """)
  void compositeKeyWithEveryVersionStrategy(String version, String versionType) {
    Run run = compile(source("test.Shipment", """
        package test;

        import dev.optilock.*;

        public record Shipment(@Id String carrier, @Id long trackingNo, String status, %s) {}
        """.formatted(version)));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
    if (!version.contains("TRIGGER")) { // (TRIGGER repositories trade updateWithoutIncrement
      // for createTriggers and dropTriggers: VersionStrategyTest)
      assertContract(run, "test.Shipment", List.of("java.lang.String", "long"), versionType);
    }
  }

  @Test
  void compositeKeyWithATriggerVersionListsEveryKeyColumn() {
    Run run = compile(source("test.Shipment", """
        package test;

        import dev.optilock.*;

        public record Shipment(@Id String carrier, @Id long trackingNo, String status,
            @VersionField(strategy = VersionStrategy.TRIGGER) long version) {}
        """));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.generated("test.ShipmentRepository")).contains(
        "new TriggerDefinition(\"test.Shipment\", \"shipment\", \"carrier,tracking_no\","
            + " \"version\", \"optilock_shipment_version\")");
    String list = run.resource("META-INF/optilock/triggers.list");
    assertThat(list.lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
        "test.Shipment\tshipment\tcarrier,tracking_no\tversion\toptilock_shipment_version");
  }

  /**
   * The parameter names of public methods of {@code repository} (compiled with {@code
   * -parameters}), by signature as {@link #signature} writes it.
   */
  private static void assertParameters(
      Run run, String repository, Map<String, List<String>> expected) {
    try {
      Class<?> type = run.classLoader().loadClass(repository);
      Map<String, List<String>> actual = new LinkedHashMap<>();
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && expected.containsKey(signature(m))) {
          actual.put(signature(m), Arrays.stream(m.getParameters())
              .map(java.lang.reflect.Parameter::getName).toList());
        }
      }
      assertThat(actual).containsExactlyEntriesIn(expected);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  // ---- what every generated file has ----

  @Test
  void generatedClassIsMarkedAndHasOneOriginatingElement() {
    Run run = compile(
        source("test.Article", """
            package test;

            import dev.optilock.*;

            public record Article(@Id long id, String title, @VersionField long version) {}
            """),
        source("test.Customer", """
            package test;

            import dev.optilock.*;

            public class Customer {
              @Id long id;
              @VersionField long version;
            }
            """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    // each repository has exactly one originating element, the entity; the list of every entity
    // (which makes the processor aggregating for Gradle) has them all
    assertThat(run.processor().originatingElements()).containsExactly(
        "test.ArticleRepository", List.of("test.Article"),
        "test.CustomerRepository", List.of("test.Customer"),
        "/META-INF/optilock/entities.list (resource)", List.of("test.Article", "test.Customer"));
    String code = run.generated("test.ArticleRepository");
    assertThat(code).contains(
        "@Generated(\"dev.optilock.processor.OptilockProcessor\")\npublic final class ArticleRepository"
            + " extends EngineRepository<Article, Long, Long> {");
    assertThat(code).contains("Compare-and-set JDBC repository for {@link Article}, table {@code article}:");
  }

  // ---- helpers ----

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Code with every line's indentation removed, to compare statements whatever their nesting. */
  static String flat(String code) {
    return code.lines().map(String::strip).collect(Collectors.joining("\n"));
  }

  /**
   * The SQL a generated repository runs, by the names its constants had before the engine: built by
   * the runtime's {@link Statements} from the repository's {@code SCHEMA} and the columns of a
   * conditional version that its constructor hands the engine.
   */
  static Map<String, String> sql(String code) {
    List<String> schema = literals(between(code, "EntitySchema.of(", ");"));
    int engine = code.indexOf("::createTableSql", code.indexOf("super("));
    List<String> conditions = engine < 0 ? List.of() : literals(between(code.substring(engine), "Sql", ");"));
    EntitySchema entity = EntitySchema.of(schema.get(0), schema.get(1), schema.get(2),
        schema.subList(3, schema.size()).toArray(String[]::new));
    Statements statements = Statements.of(entity, conditions.toArray(String[]::new));
    Statements.Sql ansi = statements.ansi();
    Statements.Sql mysql = statements.mysql();
    String version = schema.stream().filter(c -> c.contains(" VERSION ")).findFirst().orElseThrow();
    boolean trigger = version.contains(" VERSION TRIGGER");
    boolean dateTime = version.matches("\\S+ (Instant|LocalDateTime|OffsetDateTime) .*");
    Map<String, String> constants = new LinkedHashMap<>();
    both(constants, "INSERT", ansi.insert(), mysql.insert());
    both(constants, "SELECT_BY_ID", ansi.selectById(), mysql.selectById());
    both(constants, "SELECT_ALL", ansi.selectAll(), mysql.selectAll());
    if (!dateTime) {
      both(constants, "SELECT_BY_ID_AND_VERSION", ansi.selectByIdAndVersion(), mysql.selectByIdAndVersion());
    }
    both(constants, "SELECT_VERSION", ansi.selectVersion(), mysql.selectVersion());
    both(constants, "UPDATE", ansi.update(), mysql.update());
    if (trigger || !conditions.isEmpty()) {
      constants.put("UPDATE_RETURNING", ansi.updateReturning());
    }
    both(constants, "DELETE", ansi.delete(), mysql.delete());
    both(constants, "UPDATE_UNCHECKED", ansi.updateUnchecked(), mysql.updateUnchecked());
    constants.put("UPDATE_UNCHECKED_RETURNING", ansi.updateUncheckedReturning());
    if (!trigger) {
      both(constants, "UPDATE_WITHOUT_INCREMENT", ansi.updateWithoutIncrement(), mysql.updateWithoutIncrement());
    }
    both(constants, "DELETE_UNCHECKED", ansi.deleteUnchecked(), mysql.deleteUnchecked());
    both(constants, "SELECT_VERSIONS", ansi.selectVersionsPrefix(), mysql.selectVersionsPrefix());
    both(constants, "SELECT_VERSIONS_WHERE", ansi.selectVersionsWhere(), mysql.selectVersionsWhere());
    both(constants, "KEY_CONDITION", ansi.keyCondition(), mysql.keyCondition());
    both(constants, "MATCH", ansi.match(), mysql.match());
    constants.put("LOCK", ansi.lock());
    return constants;
  }

  /** The CREATE TABLE statement a generated repository runs on {@code dialect}. */
  static String ddl(String code, Dialect dialect) {
    List<String> schema = literals(between(code, "EntitySchema.of(", ");"));
    EntitySchema entity = EntitySchema.of(schema.get(0), schema.get(1), schema.get(2),
        schema.subList(3, schema.size()).toArray(String[]::new));
    return Engine.createTableSql(entity, dialect);
  }

  private static void both(Map<String, String> constants, String name, String ansi, String mysql) {
    constants.put(name, ansi);
    constants.put(name + "_MYSQL", mysql);
  }

  private static String between(String code, String start, String end) {
    int from = code.indexOf(start);
    return code.substring(from + start.length(), code.indexOf(end, from));
  }

  /** The string literals in {@code code}, unescaped. */
  private static List<String> literals(String code) {
    List<String> literals = new java.util.ArrayList<>();
    Matcher m = STRING_LITERAL.matcher(code);
    while (m.find()) {
      literals.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return literals;
  }

  /**
   * The repository of {@code entityName} has the public contract of DESIGN.md, checked on the
   * compiled class: one public constructor taking a DataSource and exactly these public methods.
   */
  static void assertContract(Run run, String entityName, String idType, String versionType) {
    assertContract(run, entityName, List.of(idType), versionType);
  }

  /**
   * {@link #assertContract(Run, String, String, String)} for a key of {@code idTypes.size()} parts:
   * {@code findById}, {@code findByIdAndVersion} and {@code modify} take them in this order.
   */
  static void assertContract(
      Run run, String entityName, List<String> idTypes, String versionType) {
    String idType = String.join(", ", idTypes);
    try {
      ClassLoader loader = run.classLoader();
      Class<?> entity = loader.loadClass(binaryName(entityName));
      String packageName = entity.getPackageName();
      String simpleNames = entity.getName().substring(
          packageName.isEmpty() ? 0 : packageName.length() + 1).replace('$', '_');
      Class<?> repository = loader.loadClass(
          (packageName.isEmpty() ? "" : packageName + ".") + simpleNames + "Repository");

      assertThat(Modifier.isPublic(repository.getModifiers())).isTrue();
      assertThat(Modifier.isFinal(repository.getModifiers())).isTrue();
      Constructor<?>[] constructors = repository.getConstructors();
      assertThat(constructors).hasLength(1);
      assertThat(constructors[0].getParameterTypes()).asList().containsExactly(DataSource.class);

      String e = entity.getName().replace('$', '.');
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("insert(" + e + ")", e);
      expected.put("findById(" + idType + ")", "java.util.Optional<" + e + ">");
      expected.put("findAll()", "java.util.List<" + e + ">");
      expected.put("update(" + e + ")", e);
      expected.put("tryUpdate(" + e + ")", "java.util.Optional<" + e + ">");
      expected.put("delete(" + e + ")", "void");
      expected.put("save(" + e + ")", e);
      expected.put("isChanged(" + e + ")", "boolean");
      expected.put("findByIdAndVersion(" + idType + ", " + versionType + ")",
          "java.util.Optional<" + e + ">");
      // control and bulk (issue 4)
      String batch = "dev.optilock.runtime.BatchResult<" + e + ">";
      String collection = "java.util.Collection<" + e + ">";
      String change = "java.util.function.UnaryOperator<" + e + ">";
      expected.put("createTable()", "void");
      expected.put("createTableSql(dev.optilock.runtime.Dialect)", "java.lang.String");
      expected.put("verifySchema()", "dev.optilock.runtime.SchemaReport");
          // your own SQL, our mapping (issue 15)
      expected.put("fromRow(java.sql.ResultSet)", e);
      expected.put("updateUnchecked(" + e + ")", e);
      expected.put("updateWithoutIncrement(" + e + ")", e);
      expected.put("updateAll(" + collection + ", dev.optilock.runtime.ConflictPolicy)", batch);
      expected.put("deleteAll(" + collection + ", dev.optilock.runtime.ConflictPolicy)", batch);
      expected.put("ifUnchanged(" + collection + ", java.util.function.Supplier<R>)", "R");
      expected.put("modify(" + idType + ", " + change + ")", e);
      expected.put("modify(" + idType + ", " + change + ", dev.optilock.runtime.RetryPolicy)", e);
      // What every repository inherits from VersionedRepository, in its boxed or CompositeKey form.
      String key = idTypes.size() > 1 ? "dev.optilock.runtime.CompositeKey" : boxed(idType);
      String boxedVersion = boxed(versionType);
      expected.put("findById(" + key + ")", "java.util.Optional<" + e + ">");
      expected.put("findByIdAndVersion(" + key + ", " + boxedVersion + ")",
          "java.util.Optional<" + e + ">");
      expected.put("modify(" + key + ", " + change + ")", e);
      expected.put("modify(" + key + ", " + change + ", dev.optilock.runtime.RetryPolicy)", e);
      expected.put("schema()", "dev.optilock.runtime.EntitySchema");
      expected.put("idOf(" + e + ")", key);
      expected.put("versionOf(" + e + ")", boxedVersion);
      assertThat(publicContract(repository)).containsExactlyEntriesIn(expected);
      for (Method m : repository.getMethods()) {
        if (m.getDeclaringClass() != Object.class) {
          assertWithMessage(m.toString()).that(m.getExceptionTypes()).isEmpty();
        }
      }
    } catch (ClassNotFoundException ex) {
      throw new AssertionError(ex);
    }
  }

  private static String boxed(String type) {
    return switch (type) {
      case "long" -> "java.lang.Long";
      case "int" -> "java.lang.Integer";
      case "short" -> "java.lang.Short";
      case "byte" -> "java.lang.Byte";
      case "boolean" -> "java.lang.Boolean";
      case "double" -> "java.lang.Double";
      case "float" -> "java.lang.Float";
      case "char" -> "java.lang.Character";
      default -> type;
    };
  }

  /**
   * Every public method of a generated repository, its own and those it inherits from the runtime's
   * generic base class, as {@code name(parameter types)} → return type, with the base class's type
   * variables {@code E}, {@code K} and {@code V} replaced by the repository's type arguments.
   */
  static Map<String, String> publicContract(Class<?> repository) {
    java.lang.reflect.ParameterizedType base =
        (java.lang.reflect.ParameterizedType) repository.getGenericSuperclass();
    java.lang.reflect.TypeVariable<?>[] variables =
        ((Class<?>) base.getRawType()).getTypeParameters();
    Map<String, String> arguments = new LinkedHashMap<>();
    for (int i = 0; i < variables.length; i++) {
      arguments.put(variables[i].getName(),
          base.getActualTypeArguments()[i].getTypeName().replace('$', '.'));
    }
    java.util.function.UnaryOperator<String> resolve = type -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b[A-Z]\\b").matcher(type);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
            arguments.getOrDefault(m.group(), m.group())));
      }
      return m.appendTail(out).toString().replace('$', '.');
    };
    Map<String, String> contract = new LinkedHashMap<>();
    for (Method m : repository.getMethods()) {
      if (m.getDeclaringClass() == Object.class || m.isBridge() || m.isSynthetic()) {
        continue;
      }
      String signature = m.getName() + Arrays.stream(m.getGenericParameterTypes())
          .map(t -> resolve.apply(t.getTypeName()))
          .collect(Collectors.joining(", ", "(", ")"));
      String previous = contract.put(signature, resolve.apply(m.getGenericReturnType().getTypeName()));
      assertWithMessage("two public methods with one signature: " + signature).that(previous).isNull();
    }
    return contract;
  }

  private static String binaryName(String canonicalName) {
    // test.Shop.Aisle.Item -> test.Shop$Aisle$Item: lower-case segments are the package
    String[] parts = canonicalName.split("\\.");
    StringBuilder out = new StringBuilder();
    boolean inTypes = false;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append(inTypes ? '$' : '.');
      }
      out.append(parts[i]);
      inTypes |= Character.isUpperCase(parts[i].charAt(0));
    }
    return out.toString();
  }

  private static String signature(Method method) {
    return method.getName() + Arrays.stream(method.getGenericParameterTypes())
        .map(t -> t.getTypeName().replace('$', '.'))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
