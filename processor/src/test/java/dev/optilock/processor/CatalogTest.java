package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per entry of the error catalog ({@link Message}) and per variant of it that {@link
 * EntityReader} tells apart. Each asserts the code, the file and the line of the offending element
 * (or annotation, where there is one), that the message says how to fix it, and that optilock wrote
 * nothing for the entity.
 */
class CatalogTest {

  // ---- the entity as a whole ----

  @Test
  @Covers(Message.OL008_ABSTRACT_ENTITY)
  void abstractClass() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public abstract class Invoice {
          @Id long id;
          @VersionField long version;
        }
        """);
    assertOnlyError(compile(source), Message.OL008_ABSTRACT_ENTITY, source, "abstract class Invoice");
  }

  @Test
  void anAbstractClassWithoutTableIsASuperclassForEntitiesNotAnError() {
    JavaFileObject base = source("test.Audited", """
        package test;

        import dev.optilock.*;

        public abstract class Audited {
          @Id protected long id;
          @VersionField protected long version;
          public long getId() { return id; }
          public void setId(long id) { this.id = id; }
          public long getVersion() { return version; }
          public void setVersion(long version) { this.version = version; }
        }
        """);
    JavaFileObject invoice = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public class Invoice extends Audited {
          String customer;
        }
        """);
    Run run = compile(base, invoice);
    assertThat(run.compilation()).succeededWithoutWarnings();
    // the inherited columns first, in declaration order
    assertThat(GeneratedCodeTest.sql(run.generated("test.InvoiceRepository")).get("SELECT_ALL"))
        .startsWith("SELECT \"id\", \"version\", \"customer\" FROM \"invoice\"");
    assertThat(run.compilation().generatedSourceFile("test.AuditedRepository").isPresent()).isFalse();
  }

  @Test
  void inheritedPackagePrivateFieldsFromAnotherPackageAreNotReadable() {
    JavaFileObject base = source("base.Audited", """
        package base;

        import dev.optilock.*;

        public abstract class Audited {
          @Id long id;
          @VersionField long version;
        }
        """);
    JavaFileObject invoice = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public class Invoice extends base.Audited {
          String customer;
        }
        """);
    Run run = compile(base, invoice);
    assertThat(run.compilation()).hadErrorContaining("[OL005]");
    assertThat(run.errors("OL005").get(0))
        .contains("the field is package-private in base, which the repository's package cannot reach");
    run.assertNothingWritten();
  }

  @Test
  void aSchemaQualifiesTheTableInEveryStatement() {
    JavaFileObject source = source("test.Ticket", """
        package test;

        import dev.optilock.*;

        @Table(value = "ticket", schema = "support")
        public record Ticket(@Id long id, @VersionField long version) {}
        """);
    Run run = compile(source);
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.TicketRepository");
    java.util.Map<String, String> sql = GeneratedCodeTest.sql(code);
    assertThat(sql.get("UPDATE")).contains("UPDATE \"support\".\"ticket\" SET");
    assertThat(sql.get("DELETE_MYSQL")).contains("DELETE FROM `support`.`ticket` WHERE");
    assertThat(String.join("\n", sql.values())).doesNotContain("FROM \"ticket\"");
    assertThat(GeneratedCodeTest.ddl(code, dev.optilock.runtime.Dialect.POSTGRESQL))
        .startsWith("CREATE TABLE IF NOT EXISTS \"support\".\"ticket\" (");
  }

  @Test
  void anInvalidSchemaNameIsReportedOnTheAttribute() {
    JavaFileObject source = source("test.Ticket", """
        package test;

        import dev.optilock.*;

        @Table(value = "ticket", schema = "my schema")
        public record Ticket(@Id long id, @VersionField long version) {}
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL015_INVALID_TABLE_NAME, source, "my schema");
    assertThat(run.errors("OL015").get(0))
        .contains("@Table(schema = \"my schema\") is not a valid schema name");
    assertThat(run.errors("OL015").get(0)).contains("for example @Table(schema = \"my_schema\")");
  }

  @Test
  @Covers(Message.OL033_GENERATED_ID_TYPE)
  void generatedKeyOfANonIntegerType() {
    JavaFileObject source = source("test.Ticket", """
        package test;

        import dev.optilock.*;

        public record Ticket(
            @Id(generated = true) String code,
            @VersionField long version) {}
        """);
    assertOnlyError(compile(source), Message.OL033_GENERATED_ID_TYPE, source, "generated = true");
  }

  @Test
  @Covers(Message.OL034_TRIGGER_IN_SCHEMA)
  void triggerVersionInAnotherSchema() {
    JavaFileObject source = source("test.Ticket", """
        package test;

        import dev.optilock.*;

        @Table(value = "ticket", schema = "support")
        public record Ticket(
            @Id long id,
            @VersionField(strategy = VersionStrategy.TRIGGER) long version) {}
        """);
    assertOnlyError(compile(source), Message.OL034_TRIGGER_IN_SCHEMA, source, "schema = \"support\"");
  }

  // ---- @VersionedType: classes the user cannot edit ----

  private static JavaFileObject legacyCustomer() {
    return source("crm.Customer", """
        package crm;

        public record Customer(long id, String name, String email) {}
        """);
  }

  private static JavaFileObject tables(String annotation) {
    return source("app.Tables", """
        package app;

        import dev.optilock.VersionedType;

        %s
        final class Tables {}
        """.formatted(annotation));
  }

  @Test
  void aVersionedTypeGetsARepositoryInTheAnnotatedClassesPackage() {
    Run run = compile(legacyCustomer(), tables("@VersionedType(value = crm.Customer.class, id = \"id\")"));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.written()).containsExactly("app.CustomerRepository");
  }

  @Test
  @Covers(Message.OL040_UNKNOWN_KEY_PROPERTY)
  void versionedTypeWithAnUnknownKey() {
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = \"customerId\")");
    Run run = compile(legacyCustomer(), tables);
    assertOnlyError(run, Message.OL040_UNKNOWN_KEY_PROPERTY, tables, "@VersionedType");
    assertThat(run.errors("OL040").get(0)).contains("its properties are id, name, email");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {}           | names none
      {"id", "id"} | names id twice
      """)
  @Covers(Message.OL043_KEY_PROPERTY_LIST)
  void versionedTypeWithABadKeyList(String ids, String problem) {
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = " + ids + ")");
    Run run = compile(legacyCustomer(), tables);
    assertOnlyError(run, Message.OL043_KEY_PROPERTY_LIST, tables, "@VersionedType");
    assertThat(run.errors("OL043").get(0)).contains(problem);
  }

  @Test
  @Covers(Message.OL041_VERSION_COLUMN_TAKEN)
  void versionedTypeWhoseVersionColumnIsTaken() {
    JavaFileObject tables = tables(
        "@VersionedType(value = crm.Customer.class, id = \"id\", versionColumn = \"email\")");
    Run run = compile(legacyCustomer(), tables);
    assertOnlyError(run, Message.OL041_VERSION_COLUMN_TAKEN, tables, "@VersionedType");
    assertThat(run.errors("OL041").get(0)).contains("its property email");
  }

  @Test
  @Covers(Message.OL042_INVALID_REPOSITORY_NAME)
  void versionedTypeWithABadRepositoryName() {
    JavaFileObject tables = tables(
        "@VersionedType(value = crm.Customer.class, id = \"id\", repository = \"Customer Store\")");
    Run run = compile(legacyCustomer(), tables);
    assertOnlyError(run, Message.OL042_INVALID_REPOSITORY_NAME, tables, "@VersionedType");
  }

  @Test
  void aProblemOfTheVersionedClassIsReportedAtTheAnnotation() {
    JavaFileObject legacy = source("crm.Customer", """
        package crm;

        public class Customer {
          private long id;
          private java.util.List<String> tags;
          public long getId() { return id; }
          public java.util.List<String> getTags() { return tags; }
        }
        """);
    JavaFileObject tables = tables("@VersionedType(value = crm.Customer.class, id = \"id\")");
    Run run = compile(legacy, tables);
    assertThat(run.compilation())
        .hadErrorContaining("[OL013]").inFile(tables).onLineContaining("@VersionedType");
    run.assertNothingWritten();
  }

  // ---- converters ----

  private static JavaFileObject money() {
    return source("test.Money", """
        package test;

        public record Money(java.math.BigDecimal amount, String currency) {}
        """);
  }

  private static JavaFileObject product(String price) {
    return source("test.Product", """
        package test;

        import dev.optilock.*;

        public record Product(
            @Id long id,
            %s,
            @VersionField long version) {}
        """.formatted(price));
  }

  @Test
  void aConverterOfTheFieldsTypeIsAccepted() {
    JavaFileObject converter = source("test.MoneyText", """
        package test;

        public final class MoneyText implements dev.optilock.runtime.Converter<Money, String> {
          public String toColumn(Money m) { return m.currency() + " " + m.amount(); }
          public Money fromColumn(String s) { return null; }
        }
        """);
    Run run = compile(money(), converter, product("@Convert(MoneyText.class) Money price"));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.written()).contains("test.ProductRepository");
  }

  @Test
  @Covers(Message.OL035_NOT_A_CONVERTER)
  void converterThatIsNotAConverter() {
    JavaFileObject converter = source("test.MoneyText", """
        package test;

        public final class MoneyText {}
        """);
    JavaFileObject source = product("@Convert(MoneyText.class) Money price");
    Run run = compile(money(), converter, source);
    assertOnlyError(run, Message.OL035_NOT_A_CONVERTER, source, "@Convert(MoneyText.class)");
    assertThat(run.errors("OL035").get(0)).contains("Converter<Money, C>");
  }

  @Test
  @Covers(Message.OL036_CONVERTER_TYPE)
  void converterOfAnotherType() {
    JavaFileObject converter = source("test.UpperCase", """
        package test;

        public final class UpperCase implements dev.optilock.runtime.Converter<String, String> {
          public String toColumn(String s) { return s.toUpperCase(); }
          public String fromColumn(String s) { return s; }
        }
        """);
    JavaFileObject source = product("@Convert(UpperCase.class) Money price");
    Run run = compile(money(), converter, source);
    assertOnlyError(run, Message.OL036_CONVERTER_TYPE, source, "@Convert(UpperCase.class)");
    assertThat(run.errors("OL036").get(0)).contains("converts java.lang.String");
  }

  @Test
  @Covers(Message.OL037_CONVERTER_COLUMN_TYPE)
  void converterToAnUnmappedType() {
    JavaFileObject converter = source("test.MoneyList", """
        package test;

        import java.util.List;

        public final class MoneyList implements dev.optilock.runtime.Converter<Money, List<String>> {
          public List<String> toColumn(Money m) { return List.of(); }
          public Money fromColumn(List<String> s) { return null; }
        }
        """);
    JavaFileObject source = product("@Convert(MoneyList.class) Money price");
    Run run = compile(money(), converter, source);
    assertOnlyError(run, Message.OL037_CONVERTER_COLUMN_TYPE, source, "@Convert(MoneyList.class)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      abstract class    | public abstract class MoneyText implements dev.optilock.runtime.Converter<Money, String> { public String toColumn(Money m) { return ""; } public Money fromColumn(String s) { return null; } } | it is abstract
      no no-arg         | public final class MoneyText implements dev.optilock.runtime.Converter<Money, String> { public MoneyText(int x) {} public String toColumn(Money m) { return ""; } public Money fromColumn(String s) { return null; } } | it has no no-arg constructor
      private no-arg    | public final class MoneyText implements dev.optilock.runtime.Converter<Money, String> { private MoneyText() {} public String toColumn(Money m) { return ""; } public Money fromColumn(String s) { return null; } } | its no-arg constructor is not visible
      """)
  @Covers(Message.OL038_CONVERTER_NOT_INSTANTIABLE)
  void converterTheRepositoryCannotCreate(String name, String declaration, String problem) {
    JavaFileObject converter = source("test.MoneyText", "package test;\n\n" + declaration + "\n");
    JavaFileObject source = product("@Convert(MoneyText.class) Money price");
    Run run = compile(money(), converter, source);
    assertOnlyError(run, Message.OL038_CONVERTER_NOT_INSTANTIABLE, source, "@Convert(MoneyText.class)");
    assertThat(run.errors("OL038").get(0)).contains(problem);
  }

  @Test
  @Covers(Message.OL039_CONVERTED_KEY)
  void convertedKey() {
    JavaFileObject converter = source("test.Upper", """
        package test;

        public final class Upper implements dev.optilock.runtime.Converter<String, String> {
          public String toColumn(String s) { return s.toUpperCase(); }
          public String fromColumn(String s) { return s; }
        }
        """);
    JavaFileObject source = source("test.Code", """
        package test;

        import dev.optilock.*;

        public record Code(
            @Id @Convert(Upper.class) String code,
            @VersionField long version) {}
        """);
    Run run = compile(converter, source);
    assertOnlyError(run, Message.OL039_CONVERTED_KEY, source, "@Convert(Upper.class)");
    assertThat(run.errors("OL039").get(0)).contains("Code.code, the key");
  }

  @Test
  @Covers(Message.OL009_NOT_A_CLASS)
  void interfaceWithTable() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public interface Invoice {
          long id();
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL009_NOT_A_CLASS, source, "interface Invoice");
    assertThat(run.errors("OL009").get(0)).contains("Invoice is an interface");
  }

  @Test
  @Covers(Message.OL009_NOT_A_CLASS)
  void enumWithVersionField() {
    JavaFileObject source = source("test.Status", """
        package test;

        import dev.optilock.*;

        public enum Status {
          OPEN;
          @Id long id;
          @VersionField long version;
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL009_NOT_A_CLASS, source, "enum Status");
    assertThat(run.errors("OL009").get(0)).contains("Status is an enum");
  }

  @Test
  @Covers(Message.OL009_NOT_A_CLASS)
  void annotationTypeWithTable() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public @interface Invoice {}
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL009_NOT_A_CLASS, source, "@interface Invoice");
    assertThat(run.errors("OL009").get(0)).contains("Invoice is an annotation type");
  }

  @Test
  @Covers(Message.OL010_GENERIC_ENTITY)
  void genericEntity() {
    JavaFileObject source = source("test.Box", """
        package test;

        import dev.optilock.*;

        public class Box<T> {
          @Id long id;
          @VersionField long version;
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL010_GENERIC_ENTITY, source, "class Box<T>");
    assertThat(run.errors("OL010").get(0)).contains("Box declares type parameters <T>");
  }

  @Test
  @Covers(Message.OL011_INNER_CLASS)
  void nonStaticInnerClass() {
    JavaFileObject source = source("test.Order", """
        package test;

        import dev.optilock.*;

        public class Order {
          public class Line {
            @Id long id;
            @VersionField long version;
          }
        }
        """);
    assertOnlyError(compile(source), Message.OL011_INNER_CLASS, source, "public class Line");
  }

  @Test
  @Covers(Message.OL012_PRIVATE_ENTITY)
  void privateNestedClass() {
    JavaFileObject source = source("test.Order", """
        package test;

        import dev.optilock.*;

        public class Order {
          private static class Line {
            @Id long id;
            @VersionField long version;
          }
        }
        """);
    Run run = compile(source);
    // The implicit constructor of a private class is private too, so OL017 comes along (a
    // cascade that the same fix removes); only OL012 is asserted here.
    assertError(run, Message.OL012_PRIVATE_ENTITY, source, "private static class Line");
    assertThat(run.errors("OL012").get(0)).contains("Line is private");
  }

  @Test
  @Covers(Message.OL012_PRIVATE_ENTITY)
  void privateNestedClassWithPackagePrivateConstructor() {
    JavaFileObject source = source("test.Order", """
        package test;

        import dev.optilock.*;

        public class Order {
          private static class Line {
            @Id long id;
            @VersionField long version;

            Line() {}
          }
        }
        """);
    assertOnlyError(compile(source), Message.OL012_PRIVATE_ENTITY, source, "private static class Line");
  }

  @Test
  @Covers(Message.OL012_PRIVATE_ENTITY)
  void nestedInPrivateClass() {
    JavaFileObject source = source("test.Order", """
        package test;

        import dev.optilock.*;

        public class Order {
          private static class Lines {
            static class Line {
              @Id long id;
              @VersionField long version;
            }
          }
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL012_PRIVATE_ENTITY, source, "static class Line {");
    assertThat(run.errors("OL012").get(0)).contains("Line's enclosing class Lines is private");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL017_NO_CONSTRUCTOR)
  @ValueSource(strings = {
      // only a constructor taking some of the columns
      "public Invoice(long id) { this.id = id; }",
      // the no-arg constructor is private
      "private Invoice() { this.id = 0; }",
      // every column, but not in declaration order
      "public Invoice(String customer, long id, long version) { this.id = id; }",
      // the right types in the right order, but the names say the columns are swapped
      "public Invoice(long version, String customer, long id) { this.id = id; }",
  })
  void noUsableConstructor(String constructor) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id final long id;
          String customer;
          @VersionField long version;

          %s
        }
        """.formatted(constructor));
    Run run = compile(source);
    assertOnlyError(run, Message.OL017_NO_CONSTRUCTOR, source, "public class Invoice");
    assertThat(run.errors("OL017").get(0))
        .contains("taking all 3 columns (long id, java.lang.String customer, long version)");
  }

  // ---- @Table ----

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL015_INVALID_TABLE_NAME)
  @CsvSource(delimiter = '|', textBlock = """
      "my table"                                                         | contains characters other than letters
      "1abc"                                                             | starts with a digit
      "order; drop table article"                                        | contains characters other than letters
      ""                                                                 | it is empty
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" | it has 64 characters, more than 63
      """)
  void invalidTableName(String literal, String problem) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table(%s)
        public record Invoice(
            @Id long id,
            @VersionField long version) {}
        """.formatted(literal));
    Run run = compile(source);
    // The caret is on the annotation's value, not on the class.
    assertOnlyError(run, Message.OL015_INVALID_TABLE_NAME, source, "@Table(");
    assertThat(run.errors("OL015").get(0)).contains(problem);
  }

  @Test
  @Covers(Message.OL022_NO_VERSION)
  void tableWithoutVersionField() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("invoice")
        public class Invoice {
          @Id long id;
          String customer;
        }
        """);
    assertOnlyError(compile(source), Message.OL022_NO_VERSION, source, "public class Invoice");
  }

  // ---- the key and the version ----

  @Test
  @Covers(Message.OL001_DUPLICATE_VERSION)
  void twoVersionFields() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @VersionField long version;
          @VersionField long revision;
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL001_DUPLICATE_VERSION, source, "long revision");
    assertThat(run.errors("OL001").get(0)).contains("(version and revision)");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL002_VERSION_TYPE)
  @ValueSource(strings = {"String", "short", "boolean", "java.math.BigDecimal", "java.time.LocalDate"})
  void versionThatIsNotACounter(String type) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id long id,
            @VersionField %s version) {}
        """.formatted(type));
    assertOnlyError(compile(source), Message.OL002_VERSION_TYPE, source, type + " version");
  }

  @Test
  @Covers(Message.OL003_NO_ID)
  void noId() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            long number,
            @VersionField long version) {}
        """);
    assertOnlyError(compile(source), Message.OL003_NO_ID, source, "record Invoice");
  }

  @Test
  @Covers(Message.OL004_GENERATED_COMPOSITE_KEY)
  void generatedPartOfACompositeKey() {
    JavaFileObject source = source("test.OrderLine", """
        package test;

        import dev.optilock.*;

        public record OrderLine(
            @Id long orderId,
            @Id(generated = true) int lineNo,
            @VersionField long version) {}
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL004_GENERATED_COMPOSITE_KEY, source, "generated = true");
    assertThat(run.errors("OL004").get(0)).contains("(orderId, lineNo)");
    assertThat(run.errors("OL004").get(0)).contains("lineNo is @Id");
  }

  @Test
  void twoIdsMakeACompositeKey() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @Id long number;
          @VersionField long version;
        }
        """);
    Run run = compile(source);
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
    assertThat(run.written()).contains("test.InvoiceRepository");
  }

  @Test
  @Covers(Message.OL018_ID_IS_VERSION)
  void idThatIsAlsoTheVersion() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id @VersionField long id,
            String customer) {}
        """);
    assertOnlyError(compile(source), Message.OL018_ID_IS_VERSION, source, "long id");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL021_ID_TYPE)
  @ValueSource(strings = {"byte[]", "double", "float", "Double"})
  void idTypeWithoutValueEquality(String type) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id %s key,
            @VersionField long version) {}
        """.formatted(type));
    assertOnlyError(compile(source), Message.OL021_ID_TYPE, source, type + " key");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL007_STATIC_FIELD)
  @CsvSource(delimiter = '|', textBlock = """
      @VersionField static long globalVersion; | long globalVersion | @VersionField is on the static field globalVersion; a version belongs to each row
      @Id static long sequence;                | long sequence      | @Id is on the static field sequence; a key belongs to each row
      """)
  void staticKeyOrVersion(String declaration, String line, String rule) {
    // The entity has a proper key and version too, so the static field is the only problem.
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @VersionField long version;
          %s
        }
        """.formatted(declaration));
    Run run = compile(source);
    assertOnlyError(run, Message.OL007_STATIC_FIELD, source, line);
    assertThat(run.errors("OL007").get(0)).contains(rule);
  }

  @ParameterizedTest(name = "{1}")
  @Covers(Message.OL007_STATIC_FIELD)
  @CsvSource(delimiter = '|', textBlock = """
      @Id long id;                | @VersionField static long version;
      @VersionField long version; | @Id static long id;
      """)
  void staticKeyOrVersionAsTheOnlyOne(String other, String declaration) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          %s
          %s
        }
        """.formatted(other, declaration));
    assertError(compile(source), Message.OL007_STATIC_FIELD, source, "static long");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL019_TRANSIENT_KEY)
  @CsvSource(delimiter = '|', textBlock = """
      @Transient @Id long id;              | @VersionField long version; | long id;      | id is @Transient but also the @Id
      @Id transient long id;               | @VersionField long version; | long id;      | id is transient but also the @Id
      @Transient @VersionField long version; | @Id long id;              | long version; | version is @Transient but also the @VersionField
      @VersionField transient long version;  | @Id long id;              | long version; | version is transient but also the @VersionField
      """)
  void transientKeyOrVersion(String declaration, String other, String line, String rule) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          %s
          %s
        }
        """.formatted(other, declaration));
    Run run = compile(source);
    assertError(run, Message.OL019_TRANSIENT_KEY, source, line);
    assertThat(run.errors("OL019").get(0)).contains(rule);
  }

  /**
   * A static or transient key or version is reported once, as OL007/OL019. The reader's
   * "no @Id"/"no @VersionField" checks are meant not to cascade (they look at {@code anyHas}), but
   * they only look at the fields that are columns, so the entity gets a second error that says the
   * annotation is missing, and for the version the OL022 text even claims the class has @Table.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      @Id long id;                | @VersionField static long version;
      @Id long id;                | @VersionField transient long version;
      @Id long id;                | @Transient @VersionField long version;
      @VersionField long version; | @Id static long id;
      @VersionField long version; | @Id transient long id;
      @VersionField long version; | @Transient @Id long id;
      """)
  void staticOrTransientKeyOrVersionIsReportedOnce(String other, String declaration) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          %s
          %s
        }
        """.formatted(other, declaration));
    Run run = compile(source);
    assertWithMessage(run.diagnostics()).that(run.errors("OL003")).isEmpty();
    assertWithMessage(run.diagnostics()).that(run.errors("OL022")).isEmpty();
    assertThat(run.compilation()).hadErrorCount(1);
  }

  // ---- columns ----

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL013_UNSUPPORTED_TYPE)
  @ValueSource(strings = {
      "java.util.List<String> tags",
      "Object payload",
      "java.util.Date issued",
      "int[] lines",
      "java.util.Map<String, String> attributes",
      "StringBuilder notes",
  })
  void unsupportedColumnType(String declaration) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          %s;
          @VersionField long version;
        }
        """.formatted(declaration));
    Run run = compile(source);
    assertOnlyError(run, Message.OL013_UNSUPPORTED_TYPE, source, declaration);
    assertThat(run.errors("OL013").get(0))
        .contains("Invoice." + declaration.substring(declaration.lastIndexOf(' ') + 1) + " has type");
    // The real fix for a type of one's own is a converter; a class's field can also be left out.
    assertThat(run.errors("OL013").get(0)).contains("@Convert(YourConverter.class)");
    assertThat(run.errors("OL013").get(0)).contains("or mark the field @Transient");
  }

  @Test
  @Covers(Message.OL013_UNSUPPORTED_TYPE)
  void unsupportedRecordComponentType() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id long id,
            java.util.List<String> tags,
            @VersionField long version) {}
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL013_UNSUPPORTED_TYPE, source, "tags");
    assertThat(run.errors("OL013").get(0))
        .contains("Invoice.tags has type java.util.List<java.lang.String>");
    assertThat(run.errors("OL013").get(0)).contains(
        "@Convert(YourConverter.class), where YourConverter implements"
            + " dev.optilock.runtime.Converter<java.util.List<java.lang.String>, S>");
    assertThat(run.errors("OL013").get(0)).doesNotContain("@Transient");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL014_DUPLICATE_COLUMN)
  @ValueSource(strings = {
      "@Column(\"title\")\n  String heading;",
      "@Column(\"TITLE\")\n  String heading;",
      "String Title;",
  })
  void twoFieldsOnOneColumn(String second) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          String title;
          %s
          @VersionField long version;
        }
        """.formatted(second));
    String field = second.substring(second.lastIndexOf(' ') + 1); // "heading;" or "Title;"
    Run run = compile(source);
    assertOnlyError(run, Message.OL014_DUPLICATE_COLUMN, source, "String " + field);
    assertThat(run.errors("OL014").get(0)).contains("Invoice.title and Invoice.");
  }

  @Test
  @Covers(Message.OL014_DUPLICATE_COLUMN)
  void twoDefaultNamesOnOneColumn() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          java.time.Instant createdAt;
          java.time.Instant created_at;
          @VersionField long version;
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL014_DUPLICATE_COLUMN, source, "Instant created_at;");
    assertThat(run.errors("OL014").get(0))
        .contains("Invoice.createdAt and Invoice.created_at both map to the column \"created_at\"");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL016_INVALID_COLUMN_NAME)
  @CsvSource(delimiter = '|', textBlock = """
      "customer name"                                                    | contains characters other than letters
      "2nd_customer"                                                     | starts with a digit
      "customer\\""                                                      | contains characters other than letters
      ""                                                                 | it is empty
      "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" | it has 66 characters, more than 63
      """)
  void invalidColumnName(String literal, String problem) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @Column(%s)
          String customer;
          @VersionField long version;
        }
        """.formatted(literal));
    Run run = compile(source);
    // The caret is on the annotation's value, not on the field.
    assertOnlyError(run, Message.OL016_INVALID_COLUMN_NAME, source, "@Column(");
    assertThat(run.errors("OL016").get(0)).contains(problem);
  }

  @Test
  @Covers(Message.OL020_TRANSIENT_IN_RECORD)
  void transientRecordComponent() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id long id,
            @Transient String note,
            @VersionField long version) {}
        """);
    assertOnlyError(compile(source), Message.OL020_TRANSIENT_IN_RECORD, source, "String note");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL005_NOT_READABLE)
  @ValueSource(strings = {
      "",
      "private String getCustomer() { return customer; }",
      "public CharSequence getCustomer() { return customer; }",
      "public static String getCustomer() { return null; }",
  })
  void privateFieldWithoutGetter(String getter) {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @VersionField long version;
          private String customer;

          public void setCustomer(String customer) { this.customer = customer; }
          %s
        }
        """.formatted(getter));
    Run run = compile(source);
    assertOnlyError(run, Message.OL005_NOT_READABLE, source, "private String customer;");
    assertThat(run.errors("OL005").get(0)).contains("getter getCustomer()");
  }

  @Test
  @Covers(Message.OL006_NOT_WRITABLE)
  void finalFieldWithNoArgConstructorAndNoSetter() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @VersionField long version;
          private final String customer;

          public Invoice() {
            this.customer = null;
          }

          public String getCustomer() { return customer; }
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL006_NOT_WRITABLE, source, "private final String customer;");
    assertThat(run.errors("OL006").get(0))
        .contains("no setter setCustomer(java.lang.String) it can call, the field is private and"
            + " final");
  }

  @Test
  @Covers(Message.OL044_NOT_REWRITTEN_YET)
  void lombokAnnotationsWithoutLombokOnTheProcessorPath() {
    // Lombok on the class path but not on the processor path: its annotations are never applied
    JavaFileObject source = source("test.Item", """
        package test;

        import dev.optilock.*;

        @lombok.Value
        public class Item {
          @Id long id;
          String name;
          @VersionField long version;
        }
        """);
    Run run = compile(source);
    assertOnlyError(run, Message.OL044_NOT_REWRITTEN_YET, source, "public class Item");
    assertThat(run.errors("OL044").get(0)).contains("Item carries @Value, but Lombok had not applied it");
  }

  @Test
  @Covers(Message.OL045_ANNOTATION_ON_PARAMETER)
  void anIdOnAConstructorParameterOnly() {
    // What kapt writes for data class Note(@param:Id val id: Long, @field:VersionField val version: Long):
    // Java itself refuses @Id on a parameter, kapt's stubs carry it there, the field has none
    JavaFileObject source = source("test.Note", """
        package test;

        import dev.optilock.*;

        public final class Note {
          private final long id;
          @VersionField private final long version;

          public Note(@Id long id, long version) {
            this.id = id;
            this.version = version;
          }

          public long getId() { return id; }
          public long getVersion() { return version; }
        }
        """);
    // javac refuses @Id there and would stop before processing; kapt processes its stubs anyway
    Run run = compile(List.of("-XDshould-stop.ifError=FLOW"), source);
    assertError(run, Message.OL045_ANNOTATION_ON_PARAMETER, source, "public Note(@Id long id");
    assertThat(run.errors("OL045")).containsExactly("[OL045] @Id is on the constructor parameter id"
        + " of Note, not on its field; optilock reads fields, so the parameter's annotation is lost"
        + " (Kotlin puts it there for @param:Id). Fix: put it on the field: in Kotlin, write"
        + " @field:Id (or no use-site target) on the property; see docs/entities.md#kotlin.");
    assertThat(run.errors("OL003")).isEmpty();
  }

  // (a class whose version is final and private, with an all-args constructor, was refused here
  // with OL006; it is an immutable entity now: ShapesTest)

  // ---- @VersionField attributes: strategy, checkFields, ignoreFields, triggerName ----

  /** An entity whose {@code @VersionField} line is {@code annotation}, on a line of its own. */
  private static JavaFileObject page(String annotation, String versionType) {
    return source("test.Page", """
        package test;

        import dev.optilock.*;

        public class Page {
          @Id long id;
          String title;
          String body;
          @Transient String cache;
          %s
          %s version;
        }
        """.formatted(annotation, versionType));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @Covers(Message.OL025_STRATEGY_TYPE)
  @CsvSource(delimiter = '|', textBlock = """
      INCREMENT | java.time.Instant | declare the field as int, long, Integer or Long
      TRIGGER   | java.util.UUID    | declare the field as int, long, Integer or Long, which the database trigger increments
      TIMESTAMP | int               | declare the field as Instant, LocalDateTime, OffsetDateTime, or long
      RANDOM    | long              | declare the field as UUID
      """)
  void strategyThatDoesNotFitTheType(String strategy, String type, String fix) {
    JavaFileObject source =
        page("@VersionField(strategy = VersionStrategy." + strategy + ")", type);
    Run run = compile(source);
    assertOnlyError(run, Message.OL025_STRATEGY_TYPE, source, "strategy = ");
    assertThat(run.errors("OL025").get(0)).contains(
        "@VersionField(strategy = " + strategy + ") cannot be used on Page.version of type " + type);
    assertThat(run.errors("OL025").get(0)).contains("Fix: " + fix);
  }

  @Test
  @Covers(Message.OL026_BOTH_CONDITIONS)
  void checkFieldsAndIgnoreFieldsTogether() {
    JavaFileObject source =
        page("@VersionField(checkFields = \"title\", ignoreFields = \"body\")", "long");
    assertOnlyError(compile(source), Message.OL026_BOTH_CONDITIONS, source, "checkFields = ");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL027_UNKNOWN_FIELD)
  @CsvSource(delimiter = '|', textBlock = """
      checkFields = "titel"                 | checkFields | titel
      ignoreFields = {"body", "footer"}     | ignoreFields | footer
      checkFields = "cache"                 | checkFields | cache
      checkFields = "TITLE"                 | checkFields | TITLE
      """)
  void conditionNamingAFieldThatIsNotAColumn(String attribute, String name, String field) {
    JavaFileObject source = page("@VersionField(" + attribute + ")", "long");
    Run run = compile(source);
    assertOnlyError(run, Message.OL027_UNKNOWN_FIELD, source, attribute);
    assertThat(run.errors("OL027").get(0)).contains(
        "@VersionField(" + name + ") names \"" + field + "\", which is not a column field of Page."
            + " Fix: use the Java name of one of its fields: title, body.");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL028_CONDITIONAL_TRIGGER)
  @ValueSource(strings = {"checkFields", "ignoreFields"})
  void triggerWithCondition(String attribute) {
    JavaFileObject source = page(
        "@VersionField(strategy = VersionStrategy.TRIGGER, " + attribute + " = \"title\")", "long");
    Run run = compile(source);
    assertOnlyError(run, Message.OL028_CONDITIONAL_TRIGGER, source, "strategy = ");
    assertThat(run.errors("OL028").get(0)).contains("Fix: remove " + attribute);
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL029_INVALID_TRIGGER_NAME)
  @ValueSource(strings = {"\"page trigger\"", "\"1st\"", "\"\""})
  void invalidTriggerName(String literal) {
    JavaFileObject source = page(
        "@VersionField(strategy = VersionStrategy.TRIGGER, triggerName = " + literal + ")", "long");
    assertOnlyError(compile(source), Message.OL029_INVALID_TRIGGER_NAME, source, "triggerName = ");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL030_CONDITION_ON_KEY)
  @CsvSource(delimiter = '|', textBlock = """
      checkFields = "id"                  | the key
      ignoreFields = {"body", "version"}  | the version itself
      """)
  void conditionNamingTheKeyOrTheVersion(String attribute, String what) {
    JavaFileObject source = page("@VersionField(" + attribute + ")", "long");
    Run run = compile(source);
    assertOnlyError(run, Message.OL030_CONDITION_ON_KEY, source, attribute);
    assertThat(run.errors("OL030").get(0)).contains(what);
  }

  @Test
  @Covers(Message.OL031_NOTHING_CHECKED)
  void ignoreFieldsIgnoringEveryColumn() {
    JavaFileObject source = page("@VersionField(ignoreFields = {\"title\", \"body\"})", "long");
    assertOnlyError(compile(source), Message.OL031_NOTHING_CHECKED, source, "ignoreFields = ");
  }

  @ParameterizedTest(name = "{0}")
  @Covers(Message.OL032_TRIGGER_NAME_WITHOUT_TRIGGER)
  @CsvSource(delimiter = '|', textBlock = """
      @VersionField(triggerName = "page_version")                                       | long              | INCREMENT
      @VersionField(strategy = VersionStrategy.TIMESTAMP, triggerName = "page_version") | java.time.Instant | TIMESTAMP
      """)
  void triggerNameWithoutTrigger(String annotation, String type, String strategy) {
    JavaFileObject source = page(annotation, type);
    Run run = compile(source);
    assertOnlyError(run, Message.OL032_TRIGGER_NAME_WITHOUT_TRIGGER, source, "triggerName = ");
    assertThat(run.errors("OL032").get(0)).contains("whose strategy is " + strategy + ", not TRIGGER");
  }

  @Test
  @Covers(Message.OL024_BAD_INJECT_OPTION)
  void unknownInjectOption() {
    JavaFileObject source = page("@VersionField", "long");
    Run run = compile(List.of("-Aoptilock.inject=guice"), source);
    assertThat(run.compilation()).hadErrorCount(1);
    assertThat(run.compilation()).hadErrorContaining("[OL024] -Aoptilock.inject=guice");
    assertFix(run, Message.OL024_BAD_INJECT_OPTION);
    run.assertNothingWritten();
  }

  @Test
  @Covers(Message.OL098_CANNOT_WRITE)
  void twoEntitiesWhoseRepositoriesWouldShareAName() {
    JavaFileObject nested = source("test.Shop", """
        package test;

        import dev.optilock.*;

        public class Shop {
          public record Order(@Id long id, @VersionField long version) {}
        }
        """);
    JavaFileObject flat = source("test.Shop_Order", """
        package test;

        import dev.optilock.*;

        public record Shop_Order(@Id long id, @VersionField long version) {}
        """);
    Run run = compile(nested, flat);
    assertThat(run.compilation()).hadErrorContaining("[OL098] could not write test.Shop_OrderRepository");
    assertFix(run, Message.OL098_CANNOT_WRITE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"checkFields = MISSING", "triggerName = MISSING"})
  void unresolvableAttributeIsLeftToJavac(String attribute) {
    JavaFileObject source = page("@VersionField(" + attribute + ")", "long");
    Run run = compile(source);
    assertThat(run.compilation()).hadErrorContaining("cannot find symbol");
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).hasSize(1);
  }

  // ---- types that never appear ----

  @Test
  @Covers(Message.OL023_UNRESOLVED_TYPE)
  void columnTypeThatNothingGenerates() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id long id,
            Missing thing,
            @VersionField long version) {}
        """);
    Run run = compile(source);
    // javac reports "cannot find symbol" too; optilock adds its own error at the end.
    assertThat(run.compilation()).hadErrorContaining("[OL023]").inFile(source);
    assertThat(run.errors("OL023")).hasSize(1);
    assertThat(run.errors("OL023").get(0))
        .contains("the type of Invoice.thing could not be resolved (Missing)");
    assertFix(run, Message.OL023_UNRESOLVED_TYPE);
    run.assertNothingWritten();
  }

  @Test
  void unresolvedColumnTypeIsReportedAtTheField() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(
            @Id long id,
            Missing thing,
            @VersionField long version) {}
        """);
    assertThat(compile(source).compilation())
        .hadErrorContaining("[OL023]").inFile(source).onLineContaining("Missing thing");
  }

  // ---- the catalog itself ----

  @Test
  void everyCatalogEntryIsTriggeredBySomeTest() {
    Set<Message> covered = EnumSet.noneOf(Message.class);
    java.util.stream.Stream.of(CatalogTest.class.getDeclaredMethods(),
            QueryCatalogTest.class.getDeclaredMethods())
        .flatMap(Arrays::stream)
        .map(m -> m.getAnnotation(Covers.class))
        .filter(c -> c != null)
        .forEach(c -> covered.addAll(Arrays.asList(c.value())));
    Set<Message> expected = EnumSet.allOf(Message.class);
    expected.remove(Message.OL099_INTERNAL); // a processor bug, not reachable from source
    assertThat(covered).containsExactlyElementsIn(expected);
  }

  @Test
  void codesAreUniqueAndWellFormed() {
    Set<String> codes =
        Arrays.stream(Message.values()).map(Message::code).collect(Collectors.toSet());
    assertThat(codes).hasSize(Message.values().length);
    for (Message message : Message.values()) {
      assertThat(message.code()).matches("OL\\d{3}");
      assertThat(message.name()).startsWith(message.code() + "_");
    }
  }

  // ---- assertions ----

  /** {@code message} is the only error, on {@code line} of {@code source}, and nothing was written. */
  static void assertOnlyError(Run run, Message message, JavaFileObject source, String line) {
    assertError(run, message, source, line);
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).hasSize(1);
  }

  /** {@code message} is reported on {@code line} of {@code source}, and nothing was written. */
  static void assertError(Run run, Message message, JavaFileObject source, String line) {
    assertThat(run.compilation()).failed();
    assertThat(run.compilation())
        .hadErrorContaining("[" + message.code() + "]")
        .inFile(source)
        .onLineContaining(line);
    assertFix(run, message);
    run.assertNothingWritten();
  }

  /** Every catalog message ends with how to fix it. */
  static void assertFix(Run run, Message message) {
    for (String text : run.errors(message.code())) {
      assertThat(text).startsWith("[" + message.code() + "] ");
      assertThat(text).containsMatch("\\. Fix: [^ ].+\\.$");
    }
  }
}
