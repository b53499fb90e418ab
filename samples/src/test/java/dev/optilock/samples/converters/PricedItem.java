package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A conditional version that only a new price moves: the UPDATE compares the stored text with the
 * converted new value.
 */
public record PricedItem(
    @Id long id,
    String note,
    @Convert(MoneyConverter.class) Money price,
    @VersionField(checkFields = {"price"}) long version) {
  public PricedItem with(String newNote, Money newPrice) {
    return new PricedItem(id, newNote, newPrice, version);
  }
}
