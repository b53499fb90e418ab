package dev.optilock.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * What an entity expects of its table, as text that {@code dev.optilock.runtime.EntitySchema}
 * reads: one line per column ({@code id long KEY}, {@code title String}, {@code version Instant
 * VERSION TIMESTAMP}), in the repository's {@code SCHEMA} constant and, tab-separated after the
 * entity, repository and table, in {@code META-INF/optilock/entities.list}.
 */
final class EntitySchemaText {
  private EntitySchemaText() {}

  /** The table as the runtime names it: {@code schema.table}, or {@code table}. */
  static String table(EntityModel model) {
    return model.schema() == null ? model.table() : model.schema() + "." + model.table();
  }

  /** One line per column, in declaration order. */
  static List<String> columns(EntityModel model) {
    List<String> columns = new ArrayList<>();
    for (PropertyModel column : model.columns()) {
      StringBuilder text = new StringBuilder(column.column()).append(' ').append(javaType(column));
      if (model.isKey(column)) {
        text.append(" KEY");
        if (model.generatedId()) {
          text.append(" GENERATED");
        }
      }
      if (column == model.version()) {
        Versioning versioning = model.versioning();
        text.append(" VERSION ").append(versioning.strategy());
        if (versioning.strategy() == Versioning.Strategy.TRIGGER) {
          text.append(' ').append(versioning.triggerName());
        }
      }
      columns.add(text.toString());
    }
    return columns;
  }

  /** The entity's line of {@code entities.list}. */
  static String line(EntityModel model) {
    List<String> fields = new ArrayList<>(List.of(model.entity().canonicalName(),
        model.repository().canonicalName(), table(model)));
    fields.addAll(columns(model));
    return String.join("\t", fields);
  }

  /** The Java type of the column's values: for a converted field, the type its converter stores. */
  private static String javaType(PropertyModel column) {
    PropertyModel stored = column.stored();
    boolean primitive = stored.primitive();
    return switch (stored.columnType()) {
      case BOOLEAN -> primitive ? "boolean" : "Boolean";
      case BYTE -> primitive ? "byte" : "Byte";
      case SHORT -> primitive ? "short" : "Short";
      case INT -> primitive ? "int" : "Integer";
      case LONG -> primitive ? "long" : "Long";
      case FLOAT -> primitive ? "float" : "Float";
      case DOUBLE -> primitive ? "double" : "Double";
      case CHAR -> primitive ? "char" : "Character";
      case STRING -> "String";
      case BIG_DECIMAL -> "BigDecimal";
      case BYTES -> "byte[]";
      case UUID -> "UUID";
      case ENUM -> "enum";
      case LOCAL_DATE -> "LocalDate";
      case LOCAL_DATE_TIME -> "LocalDateTime";
      case INSTANT -> "Instant";
      case OFFSET_DATE_TIME -> "OffsetDateTime";
    };
  }
}
