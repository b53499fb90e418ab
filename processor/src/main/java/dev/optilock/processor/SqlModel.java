package dev.optilock.processor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of one repository for one dialect family, built once at compile time.
 *
 * <p>Bind order, which the writer follows: {@code insert} binds every column in declaration order;
 * {@code update} binds {@link Versioning#updateBinds()}; {@code delete} and {@code
 * selectByIdAndVersion} bind the id and the version; the other selects bind the id or nothing.
 * {@code updateReturning} is {@code update} followed by {@code RETURNING version}, for the
 * dialects that have it. {@code updateUnchecked} binds the columns but the id and version, then the
 * next version when the application computes it (TIMESTAMP, RANDOM), then the id, then for
 * TIMESTAMP the next version again (the row's version must be below it); {@code
 * updateWithoutIncrement} binds the columns but the id and version, the id and the expected
 * version; {@code deleteUnchecked} the id. An INCREMENT {@code updateUnchecked} only changes a row
 * whose version is below the largest value of its Java type. {@code match} (one row of a batch, found by the
 * database's own key comparison) binds an ordinal, the expected version, then the id. {@code
 * selectVersionsPrefix} and {@code selectVersionsWhere} are the beginnings of the reads of many
 * rows that batches complete, with an {@code IN} list or with {@code keyCondition}s joined by
 * {@code OR}.
 */
record SqlModel(
    String insert,
    String selectById,
    String selectAll,
    String selectByIdAndVersion,
    String selectVersion,
    String update,
    String updateReturning,
    String delete,
    String updateUnchecked,
    String updateUncheckedReturning,
    String updateWithoutIncrement,
    String deleteUnchecked,
    String selectVersionsPrefix,
    String selectVersionsWhere,
    String keyCondition,
    String match,
    String lock) {

  /** The SQL family: identifier quotes and how "differs" is spelled. */
  enum Family {
    /** SQLite and PostgreSQL. */
    ANSI('"'),
    /** MariaDB and MySQL. */
    MYSQL('`');

    final char quote;

    Family(char quote) {
      this.quote = quote;
    }

    String differs(String column) {
      return this == ANSI ? column + " IS DISTINCT FROM ?" : "NOT (" + column + " <=> ?)";
    }
  }

  /** Builds every statement for one family. */
  static SqlModel build(
      Family family,
      String schema,
      String table,
      List<PropertyModel> columns,
      List<PropertyModel> ids,
      boolean generatedId,
      PropertyModel version,
      Versioning versioning) {
    String t = schema == null ? quoted(family, table) : quoted(family, schema) + "." + quoted(family, table);
    List<PropertyModel> inserted =
        generatedId ? columns.stream().filter(c -> !ids.contains(c)).toList() : columns;
    String idColumns = ids.stream().map(c -> quoted(family, c.column())).collect(Collectors.joining(", "));
    String versionColumn = quoted(family, version.column());
    String all = columns.stream().map(c -> quoted(family, c.column())).collect(Collectors.joining(", "));
    String firstKey = quoted(family, ids.get(0).column());
    String keyCondition = ids.stream().map(c -> quoted(family, c.column()) + " = ?")
        .collect(Collectors.joining(" AND "));
    String byId = " WHERE " + keyCondition;
    String byIdAndVersion = byId + " AND " + versionColumn + " = ?";
    String select = "SELECT " + all + " FROM " + t;
    String update = "UPDATE " + t + " SET " + assignments(family, versioning, versionColumn) + byIdAndVersion;
    String values = columns.stream()
        .filter(c -> !ids.contains(c) && c != version)
        .map(c -> quoted(family, c.column()) + " = ?")
        .collect(Collectors.joining(", "));
    String touchVersion = versionColumn + " = " + versionColumn;
    String nextVersion = switch (versioning.strategy()) {
      case INCREMENT -> versionColumn + " = " + versionColumn + " + 1";
      case TIMESTAMP, RANDOM -> versionColumn + " = ?";
      case TRIGGER -> null;
    };
    // "version + 1" must not pass the largest value of the Java type: a row already there is left
    // alone, and the repository reports VersionOverflowException instead of a wrapped version.
    // A TIMESTAMP version must end above the one the row holds, whatever the caller's copy says:
    // the new version is bound once more, and a row at or past it is left alone (the repository
    // then moves past what the row holds and tries again).
    String belowLargest = switch (versioning.strategy()) {
      case INCREMENT -> " AND " + versionColumn + " < " + largest(version.columnType());
      case TIMESTAMP -> " AND " + versionColumn + " < ?";
      case RANDOM, TRIGGER -> "";
    };
    String unchecked = "UPDATE " + t + " SET "
        + (nextVersion == null ? (values.isEmpty() ? touchVersion : values)
            : (values.isEmpty() ? nextVersion : values + ", " + nextVersion))
        + byId + belowLargest;
    String insertColumns =
        inserted.stream().map(c -> quoted(family, c.column())).collect(Collectors.joining(", "));
    String insertPlaceholders = inserted.stream().map(c -> "?").collect(Collectors.joining(", "));
    return new SqlModel(
        "INSERT INTO " + t + " (" + insertColumns + ") VALUES (" + insertPlaceholders + ")",
        select + byId,
        select + " ORDER BY " + idColumns,
        select + byIdAndVersion,
        "SELECT " + versionColumn + " FROM " + t + byId,
        update,
        update + " RETURNING " + versionColumn,
        "DELETE FROM " + t + byIdAndVersion,
        unchecked,
        unchecked + " RETURNING " + versionColumn,
        "UPDATE " + t + " SET " + (values.isEmpty() ? touchVersion : values) + byIdAndVersion,
        "DELETE FROM " + t + byId,
        "SELECT " + idColumns + ", " + versionColumn + " FROM " + t + " WHERE "
            + (ids.size() == 1 ? idColumns : "(" + idColumns + ")") + " IN (",
        "SELECT " + idColumns + ", " + versionColumn + " FROM " + t + " WHERE ",
        keyCondition,
        "SELECT ?, " + idColumns + ", " + versionColumn + ", CASE WHEN " + versionColumn
            + " = ? THEN 1 ELSE 0 END FROM " + t + byId,
        "UPDATE " + t + " SET " + firstKey + " = " + firstKey + " WHERE 1 = 0");
  }

  private static String assignments(Family family, Versioning versioning, String versionColumn) {
    StringBuilder set = new StringBuilder();
    for (Versioning.Bind bind : versioning.updateBinds()) {
      String column = quoted(family, bind.property().column());
      switch (bind.kind()) {
        case COMPARE -> {} // spelled out with NEXT_VERSION below
        case NEXT_VERSION -> {
          separate(set);
          if (versioning.isConditional()) {
            String changed = versioning.conditionColumns().stream()
                .map(c -> family.differs(quoted(family, c.column())))
                .collect(Collectors.joining(" OR "));
            set.append(versionColumn).append(" = CASE WHEN ").append(changed)
                .append(" THEN ? ELSE ").append(versionColumn).append(" END");
          } else {
            set.append(column).append(" = ?");
          }
        }
        case VALUE -> separate(set).append(column).append(" = ?");
        case ID, EXPECTED_VERSION -> {}
      }
    }
    // A TRIGGER entity with no other column still needs an assignment for the trigger to fire on.
    return set.length() == 0 ? versionColumn + " = " + versionColumn : set.toString();
  }

  /** The largest value of a counter version's Java type, as SQL text. */
  private static String largest(ColumnType counter) {
    return switch (counter) {
      case INT -> Integer.toString(Integer.MAX_VALUE);
      case LONG -> Long.toString(Long.MAX_VALUE);
      default -> throw new IllegalArgumentException("not a counter: " + counter);
    };
  }

  private static StringBuilder separate(StringBuilder set) {
    return set.length() == 0 ? set : set.append(", ");
  }

  private static String quoted(Family family, String identifier) {
    return family.quote + identifier + family.quote;
  }
}
