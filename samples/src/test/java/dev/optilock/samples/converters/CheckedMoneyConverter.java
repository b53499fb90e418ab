package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link MoneyConverter}'s format, but it fails loudly on {@code null} and counts its instances and
 * calls, so that tests can prove how the generated repository uses it. It refuses the currency
 * {@code XXX} ("no currency") to show what a converter's own exception does.
 */
public final class CheckedMoneyConverter implements Converter<Money, String> {
  static final AtomicInteger INSTANCES = new AtomicInteger();
  static final AtomicInteger TO_COLUMN = new AtomicInteger();
  static final AtomicInteger FROM_COLUMN = new AtomicInteger();

  public CheckedMoneyConverter() {
    INSTANCES.incrementAndGet();
  }

  static void resetCalls() {
    TO_COLUMN.set(0);
    FROM_COLUMN.set(0);
  }

  @Override
  public String toColumn(Money money) {
    if (money == null) {
      throw new AssertionError("toColumn called with null");
    }
    if (money.currency().equals("XXX")) {
      throw new IllegalArgumentException("XXX is not a currency");
    }
    TO_COLUMN.incrementAndGet();
    return money.currency() + " " + money.amount().toPlainString();
  }

  @Override
  public Money fromColumn(String text) {
    if (text == null) {
      throw new AssertionError("fromColumn called with null");
    }
    FROM_COLUMN.incrementAndGet();
    int space = text.indexOf(' ');
    return new Money(new BigDecimal(text.substring(space + 1)), text.substring(0, space));
  }
}
