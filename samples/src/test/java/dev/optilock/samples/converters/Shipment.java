package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/** Two value objects: one stored as a UUID, one as an enum. */
public record Shipment(
    @Id long id,
    @Convert(CustomerIdConverter.class) CustomerId customer,
    @Convert(PriorityConverter.class) Priority priority,
    @VersionField long version) {
  public Shipment withPriority(Priority newPriority) {
    return new Shipment(id, customer, newPriority, version);
  }
}
