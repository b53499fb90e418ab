package dev.optilock.runtime;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An object together with the version of its row, for classes that have no version field of their
 * own: the classes made versioned with {@code @VersionedType}. Their repositories take and return
 * {@code Versioned<T>}; an update succeeds only when the row still has {@link #version()}.
 *
 * <pre>{@code
 * Versioned<Customer> read = customers.findById(7).orElseThrow();
 * customers.update(read.map(c -> new Customer(c.id(), "ACME Corp")));   // or read.withValue(...)
 * }</pre>
 *
 * @param value the object; never null
 * @param version the version its row had when it was read or written; 0 means never saved
 * @param <T> the object's type
 */
public record Versioned<T>(T value, long version) {

  public Versioned {
    Objects.requireNonNull(value, "value");
  }

  /** An object that was never saved: version 0, which {@code save} inserts. */
  public static <T> Versioned<T> unsaved(T value) {
    return new Versioned<>(value, 0);
  }

  /** The same version with another value: the edited object, to update. */
  public Versioned<T> withValue(T newValue) {
    return new Versioned<>(newValue, version);
  }

  /** The same value at another version. */
  public Versioned<T> withVersion(long newVersion) {
    return new Versioned<>(value, newVersion);
  }

  /** The same version with {@code change} applied to the value. */
  public Versioned<T> map(UnaryOperator<T> change) {
    Objects.requireNonNull(change, "change");
    return withValue(change.apply(value));
  }
}
