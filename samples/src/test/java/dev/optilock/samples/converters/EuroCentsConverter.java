package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;
import java.math.BigDecimal;

/** Stores a euro amount as a whole number of cents: {@code EUR 12.50} is {@code 1250}. */
public final class EuroCentsConverter implements Converter<Money, Long> {
  @Override
  public Long toColumn(Money money) {
    if (!money.currency().equals("EUR")) {
      throw new IllegalArgumentException("only EUR is stored in cents, not " + money.currency());
    }
    return money.amount().movePointRight(2).longValueExact();
  }

  @Override
  public Money fromColumn(Long cents) {
    return new Money(BigDecimal.valueOf(cents, 2), "EUR");
  }
}
