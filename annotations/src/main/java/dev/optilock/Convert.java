package dev.optilock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores a field of a type optilock does not map by itself (a value object, a money type, JSON)
 * through a converter: a class implementing {@code dev.optilock.runtime.Converter<F, C>}, where
 * {@code F} is the field's type and {@code C} one of the column types optilock maps (String, a
 * number, BigDecimal, byte[], UUID, a date/time type, an enum).
 *
 * <pre>{@code
 * public record Product(@Id long id, @Convert(MoneyConverter.class) Money price,
 *     @VersionField long version) {}
 *
 * public final class MoneyConverter implements Converter<Money, String> {
 *   public String toColumn(Money money) { return money.currency() + " " + money.amount(); }
 *   public Money fromColumn(String text) { return Money.parse(text); }
 * }
 * }</pre>
 *
 * <p>The generated repository creates one instance with the converter's no-arg constructor (no
 * reflection: {@code new MoneyConverter()} in its source) and shares it between threads, so a
 * converter should be stateless. SQL {@code NULL} and Java {@code null} map to each other without
 * calling the converter. The key and the version cannot be converted.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Convert {
  /** The converter class: implements {@code dev.optilock.runtime.Converter}, has a no-arg constructor. */
  Class<?> value();
}
