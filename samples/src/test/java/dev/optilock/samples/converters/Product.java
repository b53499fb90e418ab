package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/** A product whose price is a value object, stored through {@link MoneyConverter}. */
public record Product(
    @Id long id, String name, @Convert(MoneyConverter.class) Money price, @VersionField long version) {
  public Product withPrice(Money newPrice) {
    return new Product(id, name, newPrice, version);
  }
}
