package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;
import java.math.BigDecimal;

/** Stores {@link Money} as text, {@code "EUR 12.50"}. */
public final class MoneyConverter implements Converter<Money, String> {
  @Override
  public String toColumn(Money money) {
    return money.currency() + " " + money.amount().toPlainString();
  }

  @Override
  public Money fromColumn(String text) {
    int space = text.indexOf(' ');
    return new Money(new BigDecimal(text.substring(space + 1)), text.substring(0, space));
  }
}
