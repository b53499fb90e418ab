package dev.optilock.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * How an entity's version moves, and the order in which its compare-and-set UPDATE binds its
 * parameters (the SQL and the generated binding code both follow {@link #updateBinds()}).
 *
 * @param strategy the resolved strategy (never DEFAULT)
 * @param conditionColumns the columns whose change moves the version; empty when every update does
 * @param triggerName the trigger's name for {@link Strategy#TRIGGER}, else {@code null}
 * @param updateBinds the UPDATE's parameters, in order
 */
record Versioning(
    Strategy strategy,
    List<PropertyModel> conditionColumns,
    String triggerName,
    List<Bind> updateBinds) {

  enum Strategy {
    INCREMENT,
    TIMESTAMP,
    RANDOM,
    TRIGGER
  }

  /** One parameter of the UPDATE. */
  record Bind(Kind kind, PropertyModel property) {
    enum Kind {
      /** The new value of a condition column, compared with the stored one. */
      COMPARE,
      /** The next version. */
      NEXT_VERSION,
      /** The new value of a column. */
      VALUE,
      /** The key, in the WHERE clause. */
      ID,
      /** The version the entity carries, in the WHERE clause. */
      EXPECTED_VERSION
    }
  }

  static Versioning of(
      Strategy strategy,
      List<PropertyModel> conditionColumns,
      String triggerName,
      List<PropertyModel> columns,
      List<PropertyModel> ids,
      PropertyModel version) {
    List<Bind> binds = new ArrayList<>();
    if (!conditionColumns.isEmpty()) {
      // The version is assigned first: MariaDB evaluates SET left to right with new values.
      conditionColumns.forEach(c -> binds.add(new Bind(Bind.Kind.COMPARE, c)));
      binds.add(new Bind(Bind.Kind.NEXT_VERSION, version));
      for (PropertyModel column : columns) {
        if (!ids.contains(column) && column != version) {
          binds.add(new Bind(Bind.Kind.VALUE, column));
        }
      }
    } else {
      for (PropertyModel column : columns) {
        if (column == version) {
          if (strategy != Strategy.TRIGGER) {
            binds.add(new Bind(Bind.Kind.NEXT_VERSION, version));
          }
        } else if (!ids.contains(column)) {
          binds.add(new Bind(Bind.Kind.VALUE, column));
        }
      }
    }
    ids.forEach(id -> binds.add(new Bind(Bind.Kind.ID, id)));
    binds.add(new Bind(Bind.Kind.EXPECTED_VERSION, version));
    return new Versioning(strategy, List.copyOf(conditionColumns), triggerName, List.copyOf(binds));
  }

  boolean isConditional() {
    return !conditionColumns.isEmpty();
  }

  /** Whether the update must read the stored version back instead of computing it. */
  boolean readsVersionBack() {
    return strategy == Strategy.TRIGGER || isConditional();
  }
}
