package dev.optilock.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * One column of an entity.
 *
 * @param name the Java name of the field or record component
 * @param column the column name, unquoted
 * @param type the Java type
 * @param columnType how values of the type are bound and read
 * @param primitive whether {@code type} is a primitive (no SQL NULL)
 * @param read how generated code reads the value from an entity
 * @param write how generated code sets the value on an entity ({@link Access.Kind#NONE} when only
 *     the constructor can)
 * @param converter the {@code @Convert} class, or {@code null} when the value is stored as it is
 * @param storedType the Java type of the column value: {@code type}, or what the converter makes
 * @param notNull whether the field is declared never null ({@code @NotNull}, {@code @NonNull}, as
 *     Kotlin's stubs and Lombok write them), so that its column is NOT NULL; primitives are anyway
 */
record PropertyModel(
    String name,
    String column,
    TypeName type,
    ColumnType columnType,
    boolean primitive,
    Access read,
    Access write,
    ClassName converter,
    TypeName storedType,
    boolean notNull) {

  /** A property stored as it is. */
  PropertyModel(
      String name, String column, TypeName type, ColumnType columnType, boolean primitive,
      Access read, Access write) {
    this(name, column, type, columnType, primitive, read, write, null, type, false);
  }

  /** The same property, declared never null (or not). */
  PropertyModel withNotNull(boolean notNull) {
    return new PropertyModel(name, column, type, columnType, primitive, read, write, converter,
        storedType, notNull);
  }

  boolean isConverted() {
    return converter != null;
  }

  /**
   * The constant of the generated repository that holds the converter: {@code PRICE_CONVERTER},
   * from the column name, which is unique in the entity (ignoring case) and a valid identifier.
   */
  String converterConstant() {
    return column.toUpperCase(java.util.Locale.ROOT) + "_CONVERTER";
  }

  /** The property as the column sees it: the stored type, no converter. */
  PropertyModel stored() {
    return isConverted()
        ? new PropertyModel(name, column, storedType, columnType, false, read, write)
            .withNotNull(notNull)
        : this;
  }
}
