package dev.optilock.runtime;

import dev.optilock.runtime.CompositeKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The key of a row whose table has a composite primary key (an entity with several {@code @Id}
 * fields), as {@link RecordModifiedException#id()} and {@link Conflict#id()} report it. Two keys
 * are equal when their values are, in order; {@link #toString()} names each part, as in {@code
 * orderId=7, lineNo=2}.
 *
 * <pre>{@code
 * catch (RecordModifiedException e) {
 *   CompositeKey key = (CompositeKey) e.id();
 *   long orderId = (Long) key.get("orderId");
 * }
 * }</pre>
 */
public final class CompositeKey {
  private final List<String> names;
  private final Object[] values;

  private CompositeKey(List<String> names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * A key of these parts. Generated repositories call this; applications rarely need to.
   *
   * @param names the Java names of the key properties, in declaration order
   * @param values their values, in the same order
   * @throws IllegalArgumentException when there are fewer than two parts or the counts differ
   */
  public static CompositeKey of(List<String> names, Object... values) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(values, "values");
    if (names.size() < 2 || names.size() != values.length) {
      throw new IllegalArgumentException(
          "a composite key needs two or more parts and one value per name: " + names + " <- "
              + Arrays.toString(values));
    }
    return new CompositeKey(List.copyOf(names), values.clone());
  }

  /** The names of the key's parts, in declaration order. */
  public List<String> names() {
    return names;
  }

  /** The values of the key's parts, in declaration order (unmodifiable). */
  public List<Object> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /** The value of part {@code i}, counting from 0. */
  public Object get(int i) {
    return values[i];
  }

  /**
   * The value of the part named {@code name}.
   *
   * @throws IllegalArgumentException when the key has no such part
   */
  public Object get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("the key has no part " + name + "; its parts are " + names);
    }
    return values[i];
  }

  /** How many parts the key has. */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CompositeKey key && Arrays.equals(values, key.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code orderId=7, lineNo=2}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
    }
    return text.toString();
  }
}
