package dev.optilock.runtime.internal;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The SQL of one entity, built once from its {@link EntitySchema} (and the columns of a conditional
 * version) for each dialect family: the one model of SQL per dialect, with its quoting, DDL types,
 * RETURNING and locking reads, that repositories use. Not for users; may change in any release.
 *
 * <p>Bind order, which {@link Engine} follows: "values" are the columns that are neither key nor
 * version, in declaration order. {@code insert} binds the values, the key (unless generated), the
 * version; {@code update} binds the values, the next version (none for TRIGGER), the key, the
 * expected version; a conditional version's {@code update} binds the compared columns' values, the
 * next version, the values, the key, the expected version. {@code delete} and {@code
 * selectByIdAndVersion} bind the key and the version; the other selects the key or nothing. {@code
 * updateUnchecked} binds the values, then the next version when the application computes it
 * (TIMESTAMP, RANDOM), the key, then for TIMESTAMP the next version again (the row's version must be
 * below it); an INCREMENT {@code updateUnchecked} only changes a row whose version is below the
 * largest value of its Java type. {@code updateWithoutIncrement} binds the values, the key, the
 * expected version; {@code deleteUnchecked} the key. {@code match} binds an ordinal, the expected
 * version, then the key. The expected version is always the last parameter of a compare-and-set.
 */
public final class Statements {
  /** The statements of one dialect family. */
  public record Sql(
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
      String lock) {}

  private final String schemaName;
  private final String table;
  private final List<ColumnLine> columns;
  private final List<ColumnLine> keys;
  private final ColumnLine version;
  private final List<String> conditions;
  private final Sql ansi;
  private final Sql mysql;

  private Statements(EntitySchema schema, List<String> conditions) {
    String qualified = schema.table();
    int dot = qualified.indexOf('.');
    this.schemaName = dot < 0 ? null : qualified.substring(0, dot);
    this.table = dot < 0 ? qualified : qualified.substring(dot + 1);
    this.columns = schema.columnLines().stream().map(ColumnLine::parse).toList();
    this.keys = columns.stream().filter(ColumnLine::key).toList();
    this.version = columns.stream().filter(c -> c.strategy() != null).findFirst().orElseThrow();
    this.conditions = List.copyOf(conditions);
    this.ansi = build('"');
    this.mysql = build('`');
  }

  /**
   * The statements of {@code schema}'s entity.
   *
   * @param conditions the columns whose change moves a conditional version; none when every update does
   */
  public static Statements of(EntitySchema schema, String... conditions) {
    Objects.requireNonNull(schema, "schema");
    return new Statements(schema, List.of(conditions));
  }

  /** The statements for {@code dialect}: backticks on MariaDB/MySQL, double quotes elsewhere. */
  public Sql sql(Dialect dialect) {
    return dialect == Dialect.MARIADB ? mysql : ansi;
  }

  /** The statements of SQLite and PostgreSQL. */
  public Sql ansi() {
    return ansi;
  }

  /** The statements of MariaDB and MySQL. */
  public Sql mysql() {
    return mysql;
  }

  /** The table name, without its schema. */
  String tableName() {
    return table;
  }

  /** Every column, in declaration order. */
  List<ColumnLine> columns() {
    return columns;
  }

  /** The table, schema-qualified where it has a schema, quoted with {@code quote}. */
  String quotedTable(char quote) {
    return schemaName == null ? q(quote, table) : q(quote, schemaName) + "." + q(quote, table);
  }

  List<ColumnLine> keys() {
    return keys;
  }

  ColumnLine version() {
    return version;
  }

  private Sql build(char quote) {
    String t = schemaName == null ? q(quote, table) : q(quote, schemaName) + "." + q(quote, table);
    String strategy = version.strategy();
    boolean generatedId = keys.stream().anyMatch(ColumnLine::generated);
    String idColumns = keys.stream().map(c -> q(quote, c.name())).collect(Collectors.joining(", "));
    String versionColumn = q(quote, version.name());
    String all = columns.stream().map(c -> q(quote, c.name())).collect(Collectors.joining(", "));
    String firstKey = q(quote, keys.get(0).name());
    String keyCondition = keys.stream().map(c -> q(quote, c.name()) + " = ?")
        .collect(Collectors.joining(" AND "));
    String byId = " WHERE " + keyCondition;
    String byIdAndVersion = byId + " AND " + versionColumn + " = ?";
    String select = "SELECT " + all + " FROM " + t;
    List<ColumnLine> values = columns.stream().filter(c -> !c.key() && c != version).toList();
    String assigned = values.stream().map(c -> q(quote, c.name()) + " = ?").collect(Collectors.joining(", "));
    String touchVersion = versionColumn + " = " + versionColumn;
    String update = "UPDATE " + t + " SET " + set(quote, "", () -> "?") + byIdAndVersion;
    String nextVersion = switch (strategy) {
      case "INCREMENT" -> versionColumn + " = " + versionColumn + " + 1";
      case "TIMESTAMP", "RANDOM" -> versionColumn + " = ?";
      default -> null;
    };
    // "version + 1" must not pass the largest value of the Java type: a row already there is left
    // alone, and the repository reports VersionOverflowException instead of a wrapped version.
    // A TIMESTAMP version must end above the one the row holds, whatever the caller's copy says:
    // the new version is bound once more, and a row at or past it is left alone (the repository
    // then moves past what the row holds and tries again).
    String belowLargest = switch (strategy) {
      case "INCREMENT" -> " AND " + versionColumn + " < " + largest(version.javaType());
      case "TIMESTAMP" -> " AND " + versionColumn + " < ?";
      default -> "";
    };
    String unchecked = "UPDATE " + t + " SET "
        + (nextVersion == null ? (assigned.isEmpty() ? touchVersion : assigned)
            : (assigned.isEmpty() ? nextVersion : assigned + ", " + nextVersion))
        + byId + belowLargest;
    List<ColumnLine> inserted = new ArrayList<>(values);
    if (!generatedId) {
      inserted.addAll(keys);
    }
    inserted.add(version);
    String insertColumns = inserted.stream().map(c -> q(quote, c.name())).collect(Collectors.joining(", "));
    String placeholders = inserted.stream().map(c -> "?").collect(Collectors.joining(", "));
    return new Sql(
        "INSERT INTO " + t + " (" + insertColumns + ") VALUES (" + placeholders + ")",
        select + byId,
        select + " ORDER BY " + idColumns,
        select + byIdAndVersion,
        "SELECT " + versionColumn + " FROM " + t + byId,
        update,
        update + " RETURNING " + versionColumn,
        "DELETE FROM " + t + byIdAndVersion,
        unchecked,
        unchecked + " RETURNING " + versionColumn,
        "UPDATE " + t + " SET " + (assigned.isEmpty() ? touchVersion : assigned) + byIdAndVersion,
        "DELETE FROM " + t + byId,
        "SELECT " + idColumns + ", " + versionColumn + " FROM " + t + " WHERE "
            + (keys.size() == 1 ? idColumns : "(" + idColumns + ")") + " IN (",
        "SELECT " + idColumns + ", " + versionColumn + " FROM " + t + " WHERE ",
        keyCondition,
        "SELECT ?, " + idColumns + ", " + versionColumn + ", CASE WHEN " + versionColumn
            + " = ? THEN 1 ELSE 0 END FROM " + t + byId,
        "UPDATE " + t + " SET " + firstKey + " = " + firstKey + " WHERE 1 = 0");
  }

  /**
   * The SET list of the compare-and-set UPDATE, its parameters written by {@code marker} in bind
   * order, the columns it reads qualified by {@code ref} ({@code ""} or {@code "o."}).
   */
  private String set(char quote, String ref, Supplier<String> marker) {
    String versionColumn = q(quote, version.name());
    StringBuilder set = new StringBuilder();
    if (!conditions.isEmpty()) {
      // The version is assigned first: MariaDB evaluates SET left to right with new values.
      set.append(versionColumn).append(" = CASE WHEN ");
      for (int i = 0; i < conditions.size(); i++) {
        String column = ref + q(quote, conditions.get(i));
        set.append(i == 0 ? "" : " OR ").append(quote == '"'
            ? column + " IS DISTINCT FROM " + marker.get()
            : "NOT (" + column + " <=> " + marker.get() + ")");
      }
      set.append(" THEN ").append(marker.get()).append(" ELSE ").append(ref).append(versionColumn)
          .append(" END");
    }
    for (ColumnLine column : columns) {
      if (!column.key() && column != version) {
        set.append(set.length() == 0 ? "" : ", ").append(q(quote, column.name())).append(" = ")
            .append(marker.get());
      }
    }
    if (conditions.isEmpty() && !version.strategy().equals("TRIGGER")) {
      set.append(set.length() == 0 ? "" : ", ").append(versionColumn).append(" = ").append(marker.get());
    }
    // A TRIGGER entity with no other column still needs an assignment for the trigger to fire on.
    return set.length() == 0 ? versionColumn + " = " + ref + versionColumn : set.toString();
  }

  /** {@code WHERE key = ? AND version = ?}, its parameters written by {@code marker}. */
  private String byKeyAndVersion(char quote, String ref, Supplier<String> marker) {
    StringBuilder where = new StringBuilder(" WHERE ");
    for (ColumnLine key : keys) {
      where.append(ref).append(q(quote, key.name())).append(" = ").append(marker.get()).append(" AND ");
    }
    return where.append(ref).append(q(quote, version.name())).append(" = ").append(marker.get())
        .toString();
  }

  /**
   * PostgreSQL's compare-and-set {@code update} of many rows in one statement: each parameter of
   * the one-row statement becomes an array of one value per row, and the database joins each row
   * to the stored row of its key, compares the version and writes:
   *
   * <pre>{@code
   * UPDATE t AS o SET title = u.p1, version = u.p2
   *   FROM unnest(?::varchar[], ?::int8[], ?::int8[], ?::int8[]) WITH ORDINALITY AS u(p1, p2, p3, p4, n)
   *   WHERE o.id = u.p3 AND o.version = u.p4 RETURNING u.n
   * }</pre>
   *
   * <p>It returns the position (from 1) of every row it wrote, and for a version the database
   * decides (TRIGGER, conditional) the version the row holds now; a row it does not return wrote
   * nothing. With {@code lockFirst}, the batch's rows are first locked in the key order of the
   * database, whatever plan the UPDATE gets:
   *
   * <pre>{@code
   * WITH u AS (SELECT * FROM unnest(...) WITH ORDINALITY AS u(p1, p2, p3, p4, n)),
   *   l AS MATERIALIZED (SELECT u.* FROM t AS o JOIN u ON o.id = u.p3 ORDER BY o.id FOR NO KEY UPDATE OF o)
   * UPDATE t AS o SET ... FROM l AS u WHERE ... RETURNING u.n
   * }</pre>
   *
   * (a materialized CTE runs to its end before the UPDATE takes a row from it).
   *
   * @param elementTypes the SQL type of each parameter's elements, in bind order
   */
  public String updateFromArrays(List<String> elementTypes, boolean lockFirst) {
    Supplier<String> marker = arrayMarkers(elementTypes.size());
    boolean readsBack = !conditions.isEmpty() || version.strategy().equals("TRIGGER");
    String sql = (lockFirst ? withLockedRows(elementTypes, "NO KEY UPDATE") : "")
        + "UPDATE " + target('"') + " AS o SET " + set('"', "o.", marker)
        + (lockFirst ? " FROM l AS u" : " FROM " + unnest(elementTypes))
        + byKeyAndVersion('"', "o.", marker)
        + " RETURNING u.n" + (readsBack ? ", o." + q('"', version.name()) : "");
    checkMarkers(marker, elementTypes);
    return sql;
  }

  /**
   * PostgreSQL's compare-and-set {@code delete} of many rows in one statement, {@code DELETE FROM t
   * AS o USING unnest(...) WITH ORDINALITY AS u(p1, p2, n) WHERE o.id = u.p1 AND o.version = u.p2
   * RETURNING u.n}; see {@link #updateFromArrays}.
   */
  public String deleteFromArrays(List<String> elementTypes, boolean lockFirst) {
    Supplier<String> marker = arrayMarkers(elementTypes.size());
    String sql = (lockFirst ? withLockedRows(elementTypes, "UPDATE") : "")
        + "DELETE FROM " + target('"') + " AS o USING "
        + (lockFirst ? "l AS u" : unnest(elementTypes))
        + byKeyAndVersion('"', "o.", marker) + " RETURNING u.n";
    checkMarkers(marker, elementTypes);
    return sql;
  }

  private String target(char quote) {
    return schemaName == null ? q(quote, table) : q(quote, schemaName) + "." + q(quote, table);
  }

  /** {@code unnest(?::int8[], ...) WITH ORDINALITY AS u(p1, ..., n)}. */
  private static String unnest(List<String> elementTypes) {
    StringBuilder sql = new StringBuilder("unnest(");
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < elementTypes.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("?::").append(elementTypes.get(i)).append("[]");
      names.append("p").append(i + 1).append(", ");
    }
    return sql.append(") WITH ORDINALITY AS u(").append(names).append("n)").toString();
  }

  /**
   * {@code WITH u AS (unnested arrays), l AS MATERIALIZED (their stored rows, locked in key
   * order) }. The key is bound just before the expected version, which is always last. {@code
   * strength} is the lock the statement itself would take: {@code NO KEY UPDATE} for an UPDATE,
   * which changes no key (a stronger lock would make PostgreSQL keep both, as a MultiXact, for
   * every row), {@code UPDATE} for a DELETE.
   */
  private String withLockedRows(List<String> elementTypes, String strength) {
    StringBuilder sql = new StringBuilder("WITH u AS (SELECT * FROM ").append(unnest(elementTypes))
        .append("), l AS MATERIALIZED (SELECT u.* FROM ").append(target('"')).append(" AS o JOIN u ON ");
    int firstKey = elementTypes.size() - keys.size();
    StringBuilder orderBy = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      String column = "o." + q('"', keys.get(i).name());
      sql.append(i == 0 ? "" : " AND ").append(column).append(" = u.p").append(firstKey + i);
      orderBy.append(i == 0 ? "" : ", ").append(column);
    }
    return sql.append(" ORDER BY ").append(orderBy).append(" FOR ").append(strength).append(" OF o) ")
        .toString();
  }

  /** {@code u.p1}, {@code u.p2}, ...: the columns of the unnested arrays, in bind order. */
  private static Supplier<String> arrayMarkers(int parameters) {
    int[] next = {0};
    return () -> {
      if (next[0] == parameters) {
        throw new IllegalStateException("the statement has more parameters than the "
            + parameters + " the rows bind");
      }
      return "u.p" + ++next[0];
    };
  }

  private static void checkMarkers(Supplier<String> marker, List<String> elementTypes) {
    try {
      marker.get();
    } catch (IllegalStateException expected) {
      return; // every array has its place
    }
    throw new IllegalStateException("the rows bind " + elementTypes.size()
        + " parameters, more than the statement has");
  }

  /**
   * The {@code CREATE TABLE IF NOT EXISTS} statement on {@code dialect}, with the column types of
   * {@code docs/types.md}: exact text on SQLite, native types on PostgreSQL, and on MariaDB types
   * that round-trip (DOUBLE for float, VARCHAR(1) for char, DATETIME(6) for times).
   *
   * @param notNullColumns columns NOT NULL beyond the key, the version and primitives: a primitive field
   *     whose converter stores an object type
   */
  public String createTable(Dialect dialect, String... notNullColumns) {
    List<String> required = List.of(notNullColumns);
    char quote = dialect.quote();
    boolean generatedId = keys.stream().anyMatch(ColumnLine::generated);
    List<String> lines = new ArrayList<>();
    for (ColumnLine column : columns) {
      boolean generated = column.key() && column.generated();
      String type = generated ? generatedKey(dialect, column) : type(dialect, column);
      boolean notNull = !generated && (column.primitive() || column.key() || column == version
          || required.contains(column.name()));
      lines.add(q(quote, column.name()) + " " + type + (notNull ? " NOT NULL" : ""));
    }
    if (!(generatedId && dialect == Dialect.SQLITE)) {
      lines.add("PRIMARY KEY (" + keys.stream().map(c -> q(quote, c.name()))
          .collect(Collectors.joining(", ")) + ")");
    }
    String t = schemaName == null ? q(quote, table) : q(quote, schemaName) + "." + q(quote, table);
    return "CREATE TABLE IF NOT EXISTS " + t + " (\n  " + String.join(",\n  ", lines) + "\n)"
        + (dialect == Dialect.MARIADB ? " CHARACTER SET utf8mb4" : "");
  }

  private static String generatedKey(Dialect dialect, ColumnLine column) {
    boolean isLong = column.javaType().equalsIgnoreCase("long");
    return switch (dialect) {
      case SQLITE -> "INTEGER PRIMARY KEY AUTOINCREMENT";
      case POSTGRESQL -> (isLong ? "BIGINT" : "INTEGER") + " GENERATED BY DEFAULT AS IDENTITY";
      case MARIADB -> (isLong ? "BIGINT" : "INT") + " AUTO_INCREMENT";
    };
  }

  private static String type(Dialect dialect, ColumnLine column) {
    String javaType = column.javaType();
    String kind = switch (javaType) {
      case "boolean", "Boolean" -> "BOOLEAN";
      case "byte", "Byte" -> "BYTE";
      case "short", "Short" -> "SHORT";
      case "int", "Integer" -> "INT";
      case "long", "Long" -> "LONG";
      case "float", "Float" -> "FLOAT";
      case "double", "Double" -> "DOUBLE";
      case "char", "Character" -> "CHAR";
      case "String" -> "STRING";
      case "BigDecimal" -> "BIG_DECIMAL";
      case "byte[]" -> "BYTES";
      case "UUID" -> "UUID";
      case "enum" -> "ENUM";
      case "LocalDate" -> "LOCAL_DATE";
      case "LocalDateTime" -> "LOCAL_DATE_TIME";
      case "Instant" -> "INSTANT";
      case "OffsetDateTime" -> "OFFSET_DATE_TIME";
      default -> throw new IllegalArgumentException("unknown Java type " + javaType);
    };
    return switch (dialect) {
      case SQLITE -> switch (kind) {
        case "BOOLEAN", "BYTE", "SHORT", "INT", "LONG" -> "INTEGER";
        case "FLOAT", "DOUBLE" -> "REAL";
        case "BYTES" -> "BLOB";
        default -> "TEXT";
      };
      case POSTGRESQL -> switch (kind) {
        case "BOOLEAN" -> "BOOLEAN";
        case "BYTE", "SHORT" -> "SMALLINT";
        case "INT" -> "INTEGER";
        case "LONG" -> "BIGINT";
        case "FLOAT" -> "REAL";
        case "DOUBLE" -> "DOUBLE PRECISION";
        case "BIG_DECIMAL" -> "NUMERIC";
        case "BYTES" -> "BYTEA";
        case "UUID" -> "UUID";
        case "LOCAL_DATE" -> "DATE";
        case "LOCAL_DATE_TIME" -> "TIMESTAMP";
        case "INSTANT", "OFFSET_DATE_TIME" -> "TIMESTAMPTZ";
        default -> "TEXT"; // STRING, ENUM, CHAR
      };
      case MARIADB -> switch (kind) {
        case "STRING" -> column.key() ? "VARCHAR(255)" : "TEXT";
        case "ENUM" -> "VARCHAR(64)";
        case "CHAR" -> "VARCHAR(1)";
        case "BOOLEAN" -> "BOOLEAN";
        case "BYTE" -> "TINYINT";
        case "SHORT" -> "SMALLINT";
        case "INT" -> "INT";
        case "LONG" -> "BIGINT";
        case "FLOAT", "DOUBLE" -> "DOUBLE";
        case "BIG_DECIMAL" -> "DECIMAL(38,10)";
        case "BYTES" -> "LONGBLOB";
        case "UUID" -> "CHAR(36)";
        case "LOCAL_DATE" -> "DATE";
        default -> "DATETIME(6)"; // LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME
      };
    };
  }

  /** The largest value of a counter version's Java type, as SQL text. */
  private static String largest(String javaType) {
    return switch (javaType) {
      case "int", "Integer" -> Integer.toString(Integer.MAX_VALUE);
      case "long", "Long" -> Long.toString(Long.MAX_VALUE);
      default -> throw new IllegalArgumentException("not a counter: " + javaType);
    };
  }

  private static String q(char quote, String identifier) {
    return quote + identifier + quote;
  }
}
