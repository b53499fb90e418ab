package dev.optilock.samples.converters;

import java.math.BigDecimal;
import java.util.Objects;

/** A value object optilock does not map by itself: an amount in a currency. */
public record Money(BigDecimal amount, String currency) {
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), currency);
  }
}
