package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/** A price that may be absent, through a converter that fails if it is ever given {@code null}. */
public record Offer(
    @Id long id, @Convert(CheckedMoneyConverter.class) Money price, @VersionField long version) {
  public Offer withPrice(Money newPrice) {
    return new Offer(id, newPrice, version);
  }
}
