package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** A composite key: the order and the line's number within it, in declaration order. */
public record OrderLine(
    @Id long orderId, @Id int lineNo, String product, int quantity, @VersionField long version) {
  public OrderLine withQuantity(int newQuantity) {
    return new OrderLine(orderId, lineNo, product, newQuantity, version);
  }
}
