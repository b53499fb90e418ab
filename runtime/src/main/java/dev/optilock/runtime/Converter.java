package dev.optilock.runtime;

/**
 * Turns a field's value into a column value and back, for fields marked {@code @Convert}. The
 * generated repository instantiates the converter once, with its no-arg constructor, and calls it
 * from any thread: keep it stateless. It is never called with {@code null}: a null field is stored
 * as SQL {@code NULL}, and {@code NULL} is read back as {@code null}.
 *
 * @param <F> the field's type, for example {@code Money}
 * @param <C> the column's type: one that optilock maps itself, for example {@code String} or
 *     {@code BigDecimal}
 */
public interface Converter<F, C> {
  /** The value to store for {@code value}; never called with {@code null}. */
  C toColumn(F value);

  /** The field's value for the stored {@code value}; never called with {@code null}. */
  F fromColumn(C value);

  /**
   * {@code converter.toColumn(value)}, or {@code null} for {@code null}. Generated code calls
   * this.
   */
  static <F, C> C write(Converter<F, C> converter, F value) {
    return value == null ? null : converter.toColumn(value);
  }

  /**
   * {@code converter.fromColumn(value)}, or {@code null} for {@code null}. Generated code calls
   * this.
   */
  static <F, C> F read(Converter<F, C> converter, C value) {
    return value == null ? null : converter.fromColumn(value);
  }

  /**
   * {@code converter.fromColumn(value)} for a primitive field, which cannot hold {@code null}.
   * Generated code calls this.
   *
   * @throws DataAccessException naming {@code column} when the column is SQL {@code NULL} or the
   *     converter gives {@code null}
   */
  static <F, C> F readNotNull(Converter<F, C> converter, C value, String column) {
    F converted = value == null ? null : converter.fromColumn(value);
    if (converted == null) {
      throw new DataAccessException("reading column " + column + ": "
          + (value == null ? "SQL NULL" : "the converter's null for '" + value + "'")
          + " cannot be stored in a primitive field; declare the field with its box type, or keep"
          + " the column NOT NULL");
    }
    return converted;
  }
}
