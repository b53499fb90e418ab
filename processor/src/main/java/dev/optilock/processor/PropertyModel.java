package dev.optilock.processor;

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
 */
record PropertyModel(
    String name,
    String column,
    TypeName type,
    ColumnType columnType,
    boolean primitive,
    Access read,
    Access write) {}
