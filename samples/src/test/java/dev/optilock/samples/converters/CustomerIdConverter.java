package dev.optilock.samples.converters;

import dev.optilock.runtime.Converter;
import java.util.UUID;

/** Stores a {@link CustomerId} as the UUID it wraps: {@code uuid} on PostgreSQL, text elsewhere. */
public final class CustomerIdConverter implements Converter<CustomerId, UUID> {
  @Override
  public UUID toColumn(CustomerId id) {
    return id.value();
  }

  @Override
  public CustomerId fromColumn(UUID uuid) {
    return new CustomerId(uuid);
  }
}
