package dev.optilock.processor;

import dev.optilock.processor.Versioning.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the attributes of one {@code @VersionField} (strategy, checkFields, ignoreFields,
 * triggerName) into a {@link Versioning}, reporting each misuse on the attribute value it concerns.
 */
final class VersioningReader {
  private final TypeElement type;
  private final VariableElement field;
  private final String table;
  private final List<PropertyModel> columns;
  private final List<PropertyModel> ids;
  private final PropertyModel version;
  private final Reporter reporter;
  private final AnnotationMirror annotation;

  VersioningReader(
      TypeElement type,
      VariableElement field,
      String table,
      List<PropertyModel> columns,
      List<PropertyModel> ids,
      PropertyModel version,
      Reporter reporter) {
    this.type = type;
    this.field = field;
    this.table = table;
    this.columns = columns;
    this.ids = ids;
    this.version = version;
    this.reporter = reporter;
    this.annotation = EntityReader.annotation(field, EntityReader.VERSION_FIELD);
  }

  /** The versioning, or {@code null} after reporting. */
  Versioning read() {
    Strategy strategy = strategy();
    if (strategy == null) {
      return null;
    }
    AnnotationValue check = EntityReader.explicitValue(annotation, "checkFields");
    AnnotationValue ignore = EntityReader.explicitValue(annotation, "ignoreFields");
    List<AnnotationValue> checked = check == null ? List.of() : values(check);
    List<AnnotationValue> ignored = ignore == null ? List.of() : values(ignore);
    String subject = EntityReader.describe(type, field);
    boolean ok = true;
    if (!checked.isEmpty() && !ignored.isEmpty()) {
      reporter.error(Message.OL026_BOTH_CONDITIONS, field, annotation, ignore, subject);
      ok = false;
    }
    if (strategy == Strategy.TRIGGER && (!checked.isEmpty() || !ignored.isEmpty())) {
      String attribute = checked.isEmpty() ? "ignoreFields" : "checkFields";
      reporter.error(Message.OL028_CONDITIONAL_TRIGGER, field, annotation,
          checked.isEmpty() ? ignore : check, subject, attribute, attribute);
      ok = false;
    }
    List<PropertyModel> named = new ArrayList<>();
    for (AnnotationValue value : checked) {
      ok &= resolve("checkFields", value, named);
    }
    List<PropertyModel> ignoredColumns = new ArrayList<>();
    for (AnnotationValue value : ignored) {
      ok &= resolve("ignoreFields", value, ignoredColumns);
    }
    List<PropertyModel> conditions = new ArrayList<>();
    if (!checked.isEmpty()) {
      columns.stream().filter(named::contains).forEach(conditions::add);
    } else if (!ignored.isEmpty()) {
      columns.stream()
          .filter(c -> !ids.contains(c) && c != version && !ignoredColumns.contains(c))
          .forEach(conditions::add);
      if (ok && conditions.isEmpty()) {
        reporter.error(Message.OL031_NOTHING_CHECKED, field, annotation, ignore, subject);
        ok = false;
      }
    }
    String triggerName = triggerName(strategy);
    if (!ok || (strategy == Strategy.TRIGGER && triggerName == null)) {
      return null;
    }
    return Versioning.of(strategy, conditions, triggerName, columns, ids, version);
  }

  private Strategy strategy() {
    AnnotationValue explicit = EntityReader.explicitValue(annotation, "strategy");
    String requested = explicit == null ? "DEFAULT" : explicit.getValue().toString();
    ColumnType columnType = version.columnType();
    Strategy byType = switch (columnType) {
      case INT, LONG -> Strategy.INCREMENT;
      case INSTANT, LOCAL_DATE_TIME, OFFSET_DATE_TIME -> Strategy.TIMESTAMP;
      case UUID -> Strategy.RANDOM;
      default -> null;
    };
    if (requested.equals("DEFAULT")) {
      if (byType == null) {
        reporter.error(Message.OL002_VERSION_TYPE, field, EntityReader.describe(type, field),
            field.asType());
      }
      return byType;
    }
    Strategy strategy = Strategy.valueOf(requested);
    boolean allowed = switch (strategy) {
      case INCREMENT, TRIGGER -> columnType.isCounter();
      case TIMESTAMP -> byType == Strategy.TIMESTAMP || columnType == ColumnType.LONG;
      case RANDOM -> columnType == ColumnType.UUID;
    };
    if (!allowed) {
      String fix = switch (strategy) {
        case INCREMENT -> "declare the field as int, long, Integer or Long";
        case TRIGGER -> "declare the field as int, long, Integer or Long, which the database"
            + " trigger increments";
        case TIMESTAMP -> "declare the field as Instant, LocalDateTime, OffsetDateTime, or long"
            + " (microseconds since the epoch)";
        case RANDOM -> "declare the field as UUID";
      };
      reporter.error(Message.OL025_STRATEGY_TYPE, field, annotation, explicit, strategy,
          EntityReader.describe(type, field), field.asType(), fix);
      return null;
    }
    return strategy;
  }

  private boolean resolve(String attribute, AnnotationValue value, List<PropertyModel> into) {
    if (isUnresolved(value)) {
      return false; // javac reports the unknown symbol itself
    }
    String name = String.valueOf(value.getValue());
    for (PropertyModel column : columns) {
      if (column.name().equals(name)) {
        if (ids.contains(column) || column == version) {
          reporter.error(Message.OL030_CONDITION_ON_KEY, field, annotation, value, attribute,
              name, ids.contains(column) ? "key" : "version itself", name, attribute);
          return false;
        }
        into.add(column);
        return true;
      }
    }
    String candidates = columns.stream()
        .filter(c -> !ids.contains(c) && c != version)
        .map(PropertyModel::name)
        .collect(Collectors.joining(", "));
    reporter.error(Message.OL027_UNKNOWN_FIELD, field, annotation, value, attribute, name,
        type.getSimpleName(), candidates.isEmpty() ? "(it has none besides the key and version)" : candidates);
    return false;
  }

  private String triggerName(Strategy strategy) {
    AnnotationValue explicit = EntityReader.explicitValue(annotation, "triggerName");
    if (explicit == null) {
      if (strategy != Strategy.TRIGGER) {
        return null;
      }
      String name = "optilock_" + table + "_" + version.column();
      if (name.length() > Names.MAX_IDENTIFIER_LENGTH) {
        reporter.error(Message.OL029_INVALID_TRIGGER_NAME, field, annotation,
            EntityReader.explicitValue(annotation, "strategy"), name,
            "the default name is longer than " + Names.MAX_IDENTIFIER_LENGTH + " characters",
            Names.suggestion(name));
        return null;
      }
      return name;
    }
    if (isUnresolved(explicit)) {
      return null; // javac reports the unknown symbol itself
    }
    String name = String.valueOf(explicit.getValue());
    if (strategy != Strategy.TRIGGER) {
      reporter.error(Message.OL032_TRIGGER_NAME_WITHOUT_TRIGGER, field, annotation, explicit, name,
          EntityReader.describe(type, field), strategy);
      return null;
    }
    String problem = Names.identifierProblem(name);
    if (problem != null) {
      reporter.error(Message.OL029_INVALID_TRIGGER_NAME, field, annotation, explicit, name, problem,
          Names.suggestion(name));
      return null;
    }
    return name;
  }

  /** javac hands an attribute it could not resolve to processors as the text {@code <error>}. */
  private static boolean isUnresolved(AnnotationValue value) {
    return "<error>".equals(String.valueOf(value.getValue()));
  }

  @SuppressWarnings("unchecked")
  private static List<AnnotationValue> values(AnnotationValue array) {
    Object value = array.getValue();
    return value instanceof List<?> list ? (List<AnnotationValue>) list : List.of(array);
  }
}
