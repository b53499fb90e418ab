package dev.optilock.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Converter declarations at the edges: each either gets a catalog error on the entity or a
 * repository that compiles, never javac's error in a generated file.
 */
class ConverterDeclarationTest {

  /**
   * OL036 compares erasures, so a converter of {@code List<Integer>} passes for a {@code
   * List<String>} field; {@code Converter.write(TAGS_CONVERTER, tagged.tags())} then fails to
   * compile in TaggedRepository ("inference variable F has incompatible bounds").
   */
  @Test
  void aConverterOfAnotherParameterizationIsOl036() {
    JavaFileObject converter = source("test.IntList", """
        package test;

        import java.util.List;

        public final class IntList implements dev.optilock.runtime.Converter<List<Integer>, String> {
          public String toColumn(List<Integer> v) { return v.toString(); }
          public List<Integer> fromColumn(String s) { return List.of(); }
        }
        """);
    JavaFileObject source = source("test.Tagged", """
        package test;

        import dev.optilock.*;
        import java.util.List;

        public record Tagged(
            @Id long id,
            @Convert(IntList.class) List<String> tags,
            @VersionField long version) {}
        """);
    Run run = compile(converter, source);
    CatalogTest.assertOnlyError(run, Message.OL036_CONVERTER_TYPE, source, "@Convert(IntList.class)");
  }

  /**
   * {@code totalEUR} and {@code totalEur} both become the constant {@code TOTAL_EUR_CONVERTER}
   * (their columns differ through {@code @Column}), so the generated repository declares it twice:
   * "variable TOTAL_EUR_CONVERTER is already defined in class InvoiceTotalsRepository".
   */
  @Test
  void twoConvertedFieldsWhoseConstantNamesCoincideCompile() {
    JavaFileObject money = source("test.Money", """
        package test;

        public record Money(java.math.BigDecimal amount, String currency) {}
        """);
    JavaFileObject converter = source("test.MoneyText", """
        package test;

        public final class MoneyText implements dev.optilock.runtime.Converter<Money, String> {
          public String toColumn(Money m) { return m.currency() + " " + m.amount(); }
          public Money fromColumn(String s) { return null; }
        }
        """);
    JavaFileObject source = source("test.InvoiceTotals", """
        package test;

        import dev.optilock.*;

        public record InvoiceTotals(
            @Id long id,
            @Convert(MoneyText.class) Money totalEUR,
            @Column("total_eur_net") @Convert(MoneyText.class) Money totalEur,
            @VersionField long version) {}
        """);
    Run run = compile(money, converter, source);
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
  }

  /**
   * A non-static class nested in a record is an inner class, but OL038's inner-class check only
   * looks at classes enclosed by a CLASS (not a RECORD or ENUM), so this passes and the generated
   * {@code new Product.PriceConverter()} fails: "an enclosing instance that contains
   * Product.PriceConverter is required".
   */
  @Test
  void anInnerConverterClassOfARecordIsOl038() {
    JavaFileObject money = source("test.Money", """
        package test;

        public record Money(java.math.BigDecimal amount, String currency) {}
        """);
    JavaFileObject source = source("test.Product", """
        package test;

        import dev.optilock.*;

        public record Product(
            @Id long id,
            @Convert(Product.PriceConverter.class) Money price,
            @VersionField long version) {
          public final class PriceConverter implements dev.optilock.runtime.Converter<Money, String> {
            public String toColumn(Money m) { return m.currency() + " " + m.amount(); }
            public Money fromColumn(String s) { return null; }
          }
        }
        """);
    Run run = compile(money, source);
    CatalogTest.assertOnlyError(
        run, Message.OL038_CONVERTER_NOT_INSTANTIABLE, source, "@Convert(Product.PriceConverter.class)");
  }

  /**
   * A record without components is a class the repository can create with {@code new}, but OL038
   * refuses it: "it is not a class" (the check compares the element kind with CLASS only).
   */
  @Test
  void aRecordConverterIsAccepted() {
    JavaFileObject money = source("test.Money", """
        package test;

        public record Money(java.math.BigDecimal amount, String currency) {}
        """);
    JavaFileObject converter = source("test.MoneyText", """
        package test;

        public record MoneyText() implements dev.optilock.runtime.Converter<Money, String> {
          public String toColumn(Money m) { return m.currency() + " " + m.amount(); }
          public Money fromColumn(String s) { return null; }
        }
        """);
    JavaFileObject source = source("test.Product", """
        package test;

        import dev.optilock.*;

        public record Product(
            @Id long id, @Convert(MoneyText.class) Money price, @VersionField long version) {}
        """);
    Run run = compile(money, converter, source);
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).isEmpty();
  }
}
