package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import org.junit.jupiter.api.Test;

/**
 * The whole text of a few diagnostics: a rule that says what is wrong, then {@code Fix:} and what
 * to do. (Every catalog test also checks that its message carries a fix.)
 */
class MessageTextTest {

  @Test
  void noIdSaysWhatIsWrongAndHowToFixIt() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(long number, @VersionField long version) {}
        """));
    assertThat(run.errors("OL003")).containsExactly(
        "[OL003] Invoice has no @Id field; the repository needs the key to find and compare-and-set"
            + " a row. Fix: annotate the primary-key field with @dev.optilock.Id.");
  }

  @Test
  void invalidTableNameSuggestsAValidOne() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("Sales Invoices")
        public record Invoice(@Id long id, @VersionField long version) {}
        """));
    assertThat(run.errors("OL015")).containsExactly(
        "[OL015] @Table(\"Sales Invoices\") is not a valid table name: it contains characters other"
            + " than letters, digits and underscores, or starts with a digit. Fix: use a letter or"
            + " underscore followed by letters, digits or underscores, at most 63 characters, for"
            + " example @Table(\"sales_invoices\").");
  }

  @Test
  void notWritableNamesTheSetterToAdd() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          @VersionField long version;
          private final String customer = null;

          public String getCustomer() { return customer; }
        }
        """));
    assertThat(run.errors("OL006")).containsExactly(
        "[OL006] the generated repository cannot set Invoice.customer: there is no setter"
            + " setCustomer(java.lang.String) it can call, the field is private and final. Fix: add"
            + " a setter setCustomer(java.lang.String) that is public (or package-private in the"
            + " entity's package), or make the field package-private in the entity's package and"
            + " not final, or add a constructor taking every column.");
  }

  @Test
  void unsupportedTypeListsWhatIsSupported() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public class Invoice {
          @Id long id;
          Object payload;
          @VersionField long version;
        }
        """));
    assertThat(run.errors("OL013")).containsExactly(
        "[OL013] Invoice.payload has type java.lang.Object, which optilock cannot map to a column."
            + " Fix: use String, a primitive or its box, BigDecimal, byte[], UUID, an enum,"
            + " LocalDate, LocalDateTime, Instant or OffsetDateTime, or store it through a converter:"
            + " @Convert(YourConverter.class), where YourConverter implements"
            + " dev.optilock.runtime.Converter<java.lang.Object, S> for one of those types S"
            + " (docs/modelling.md#converters), or mark the field @Transient.");
  }

  @Test
  void unsupportedRecordComponentIsNotToldToUseTransient() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public record Invoice(@Id long id, Object payload, @VersionField long version) {}
        """));
    assertThat(run.errors("OL013")).hasSize(1);
    assertThat(run.errors("OL013").get(0)).doesNotContain("@Transient");
  }
}
