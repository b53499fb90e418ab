package dev.optilock.samples.converters;

import java.util.Objects;
import java.util.UUID;

/** A typed identifier: a UUID that cannot be mixed up with other UUIDs. */
public record CustomerId(UUID value) {
  public CustomerId {
    Objects.requireNonNull(value, "value");
  }
}
