package dev.optilock.runtime;

import dev.optilock.runtime.EntitySchema.Column;
import dev.optilock.runtime.EntitySchema.Kind;
import dev.optilock.runtime.EntitySchema.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares one entity's {@link EntitySchema} with its table as the {@link Catalog} reads it, on one
 * database: which column types hold which Java values exactly, and the fix for each mismatch. The
 * rules, database by database, are in {@code docs/schema.md}.
 */
final class SchemaCheck {
  /** The fraction digits of the versions optilock writes: microseconds. */
  static final int VERSION_FRACTION = 6;

  private final Dialect dialect;
  private final EntitySchema entity;
  private final List<SchemaProblem> problems = new ArrayList<>();

  private SchemaCheck(Dialect dialect, EntitySchema entity) {
    this.dialect = dialect;
    this.entity = entity;
  }

  /** Every mismatch between {@code entity} and {@code table} (null: missing). */
  static List<SchemaProblem> table(
      Dialect dialect, EntitySchema entity, Catalog.Table table, Map<String, String> triggers) {
    SchemaCheck check = new SchemaCheck(dialect, entity);
    if (table == null) {
      check.problem(null, "the table does not exist", "create it; "
          + entity.repositorySimpleName() + ".createTableSql(Dialect." + dialect
          + ") gives its CREATE TABLE statement");
      return check.problems;
    }
    for (Column expected : entity.columns()) {
      check.column(expected, table.column(expected.name()));
    }
    check.unmapped(table);
    check.primaryKey(table);
    check.trigger(triggers);
    return check.problems;
  }

  /**
   * Whether the version column keeps every version exactly: its type and, for a TIMESTAMP
   * version, its fraction digits. Nothing when the table or the column is missing: the write
   * itself reports that, as it always has.
   */
  static List<SchemaProblem> versionColumn(
      Dialect dialect, EntitySchema entity, Catalog.Table table) {
    SchemaCheck check = new SchemaCheck(dialect, entity);
    Column version = entity.version();
    Catalog.Column actual = table == null ? null : table.column(version.name());
    if (actual != null) {
      check.type(version, actual);
    }
    return check.problems;
  }

  private void problem(String column, String problem, String fix) {
    problems.add(new SchemaProblem(entity.entity(), entity.table(), column, problem, fix));
  }

  private void column(Column expected, Catalog.Column actual) {
    if (actual == null) {
      problem(expected.name(), "the column does not exist", "ALTER TABLE " + table() + " ADD"
          + (dialect == Dialect.MARIADB ? " " : " COLUMN ") + quote(expected.name()) + " "
          + recommended(expected) + (mustBeNotNull(expected) ? " NOT NULL (with a DEFAULT for"
              + " existing rows)" : ""));
      return;
    }
    type(expected, actual);
    if (actual.computed()) {
      problem(expected.name(), "is a generated (computed) column, which the repository cannot"
              + " write: every insert and update fails",
          "make it an ordinary column, or mark the field @Transient");
    }
    if (actual.nullable() && mustBeNotNull(expected) && !expected.key()) {
      problem(expected.name(), expected.isVersion()
              ? "accepts NULL, but a version is never null: a row whose version is NULL can never"
                  + " be updated or deleted"
              : "accepts NULL, but the field is a primitive " + expected.javaType() + ": a NULL"
                  + " reads as " + (expected.kind() == Kind.BOOLEAN ? "false" : "0")
                  + " and the next update writes that back",
          setNotNull(expected, actual)
              + (expected.isVersion() ? "" : ", or make the field the boxed " + boxed(expected)));
    }
    if (expected.generated() && !actual.generatedKey()) {
      problem(expected.name(), "the key is @Id(generated = true), but the database does not"
              + " generate it: every insert fails", generateKey(expected, actual));
    }
  }

  /** Whether {@code actual} holds {@code expected}'s values exactly; adds the problem if not. */
  private void type(Column expected, Catalog.Column actual) {
    String problem = switch (dialect) {
      case POSTGRESQL -> postgresql(expected.kind(), actual);
      case MARIADB -> mariadb(expected.kind(), actual);
      case SQLITE -> sqlite(expected.kind(), actual);
    };
    if (problem == null && expected.kind() == Kind.UUID && actual.length() != null
        && actual.length() < 36) {
      problem = "holds " + actual.length() + " characters, fewer than the 36 of a UUID";
    }
    if (problem != null) {
      problem(expected.name(), "is " + actual.display() + ", which " + problem
          + (expected.isVersion() ? versionConsequence(expected) : ""),
          alterType(expected, actual));
      return;
    }
    Integer fraction = actual.fraction();
    if (expected.strategy() == Strategy.TIMESTAMP && expected.kind().isTemporal()
        && fraction != null && fraction < VERSION_FRACTION) {
      String step = fraction == 0 ? "second" : "1/" + "1000000".substring(0, fraction + 1)
          + " of a second";
      problem(expected.name(), "is " + actual.display() + ", which keeps " + fraction
              + " fraction digits (" + (fraction == 0 ? "whole seconds" : "steps of " + step)
              + "), but TIMESTAMP versions need " + VERSION_FRACTION + " (microseconds): the"
              + " versions of updates within one " + step + " are stored alike, so a writer"
              + " still holding the replaced version matches and overwrites the other writer's"
              + " update",
          alterType(expected, actual));
    }
  }

  private static String versionConsequence(Column version) {
    if (version.kind().isInteger()) {
      return "; as the version column it would stop moving or fail once versions outgrow it";
    }
    return version.kind().isTemporal() ? "; as the version column it may store different versions"
        + " alike, and then a stale writer's update succeeds" : "";
  }

  // ---- type rules, one method per database --------------------------------------------------

  private static final Set<String> MARIADB_TEXT =
      Set.of("varchar", "char", "tinytext", "text", "mediumtext", "longtext");

  private String postgresql(Kind kind, Catalog.Column actual) {
    String type = actual.type();
    if (kind.isInteger()) {
      return integer(kind, switch (type) {
        case "int2" -> 16;
        case "int4" -> 32;
        case "int8" -> 64;
        default -> 0;
      });
    }
    return switch (kind) {
      case BOOLEAN -> type.equals("bool") ? null : "is not boolean";
      case FLOAT -> Set.of("float4", "float8").contains(type) ? null : "is not real";
      case DOUBLE -> type.equals("float8") ? null
          : type.equals("float4") ? "keeps about 6 significant digits of a double"
          : "is not double precision";
      case STRING -> Set.of("text", "varchar", "bpchar", "citext", "name", "json", "jsonb", "xml")
          .contains(type) ? null : "is not a text type";
      case CHAR -> Set.of("text", "varchar", "bpchar").contains(type) ? null : "is not a text type";
      case ENUM -> Set.of("text", "varchar", "citext").contains(type) ? null
          : "is not text or varchar (enum constants are bound as strings, by name())";
      case BIG_DECIMAL -> type.equals("numeric") ? null : "is not numeric";
      case BYTES -> type.equals("bytea") ? null : "is not bytea";
      case UUID -> type.equals("uuid") ? null : "is not uuid";
      case LOCAL_DATE -> type.equals("date") ? null : "is not date";
      case LOCAL_DATE_TIME -> type.equals("timestamp") ? null : type.equals("timestamptz")
          ? "converts local date-times through the session time zone" : "is not timestamp";
      case INSTANT, OFFSET_DATE_TIME -> type.equals("timestamptz") ? null
          : type.equals("timestamp")
              ? "has no time zone: instants are converted through the session time zone"
              : "is not timestamptz";
      default -> throw new AssertionError(kind);
    };
  }

  private String mariadb(Kind kind, Catalog.Column actual) {
    String type = actual.type();
    int bits = switch (type) {
      case "tinyint" -> 8;
      case "smallint" -> 16;
      case "mediumint" -> 24;
      case "int" -> 32;
      case "bigint" -> 64;
      default -> 0;
    };
    if (kind.isInteger()) {
      return integer(kind, bits);
    }
    boolean text = MARIADB_TEXT.contains(type);
    return switch (kind) {
      case BOOLEAN -> bits > 0 || type.equals("bit") ? null : "is not BOOLEAN (TINYINT)";
      case FLOAT, DOUBLE -> type.equals("double") ? null : type.equals("float")
          ? "keeps single precision, and comes back rounded to about 6 digits" : "is not DOUBLE";
      case STRING -> text ? null : "is not a text type";
      case CHAR -> type.equals("char") ? "drops trailing spaces, so ' ' reads back as ''"
          : text ? null : "is not a text type";
      case ENUM -> text || type.equals("enum") ? null : "is not a text type";
      case BIG_DECIMAL -> type.equals("decimal") ? null : "is not DECIMAL";
      case BYTES -> type.endsWith("blob") || type.endsWith("binary") ? null : "is not a BLOB";
      case UUID -> text || type.equals("uuid") ? null : "is not CHAR(36)";
      case LOCAL_DATE -> type.equals("date") ? null : "is not DATE";
      case LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME -> type.equals("datetime") ? null
          : type.equals("timestamp")
              ? "converts values through the session time zone and ends in 2038"
              : "is not DATETIME";
      default -> throw new AssertionError(kind);
    };
  }

  /** SQLite's type affinity of a declared type (sqlite.org/datatype3.html, 3.1). */
  enum Affinity {
    INTEGER,
    TEXT,
    BLOB,
    REAL,
    NUMERIC;

    static Affinity of(String declared) {
      String type = declared.toUpperCase(Locale.ROOT);
      if (type.contains("INT")) {
        return INTEGER;
      }
      if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
        return TEXT;
      }
      if (type.contains("BLOB") || type.isEmpty()) {
        return BLOB;
      }
      if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
        return REAL;
      }
      return NUMERIC;
    }
  }

  private String sqlite(Kind kind, Catalog.Column actual) {
    Affinity affinity = Affinity.of(actual.type());
    String has = "has " + affinity + " affinity: ";
    if (kind.isInteger() || kind == Kind.BOOLEAN) {
      return switch (affinity) {
        case INTEGER, NUMERIC, BLOB -> null;
        case TEXT -> has + "numbers are stored as text, and compared and sorted as text";
        case REAL -> has + "integers are stored as floating point, and large ones lose digits";
      };
    }
    return switch (kind) {
      case FLOAT, DOUBLE -> affinity == Affinity.TEXT
          ? has + "floating-point numbers are stored as text with 15 significant digits" : null;
      case STRING, CHAR, BIG_DECIMAL -> affinity == Affinity.TEXT || affinity == Affinity.BLOB
          ? null : has + "text that looks like a number becomes a number ('1.10' reads back as"
              + " '1.1')";
      // Dates, times, UUIDs and enum names never look like numbers, and BLOBs are never converted.
      default -> null;
    };
  }

  /** The problem of an integer column {@code bits} wide (0: not an integer type) for {@code kind}. */
  private static String integer(Kind kind, int bits) {
    if (bits >= kind.bits) {
      return null;
    }
    return bits == 0 ? "is not an integer type"
        : "has " + bits + " bits, too narrow for " + kind.primitive + " values (" + kind.bits
            + " bits)";
  }

  // ---- table-level checks --------------------------------------------------------------------

  /** Columns the entity does not map that make every insert fail. */
  private void unmapped(Catalog.Table table) {
    Set<String> mapped = entity.columns().stream()
        .map(c -> table.caseSensitive() ? c.name() : c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    for (Catalog.Column column : table.columns()) {
      String name = table.caseSensitive() ? column.name() : column.name().toLowerCase(Locale.ROOT);
      if (!mapped.contains(name) && !column.nullable() && !column.hasDefault()
          && !column.generatedKey() && !column.computed()) {
        problem(column.name(), "is NOT NULL without a default, and " + entity.simpleName()
                + " does not map it: every insert fails",
            changeColumn(column.name(), "DROP NOT NULL",
                column.display().toUpperCase(Locale.ROOT) + " NULL",
                "nullable" + IN_PLACE) + "; or give it a DEFAULT, or map it in "
                + entity.simpleName());
      }
    }
  }

  private void primaryKey(Catalog.Table table) {
    List<String> keys = entity.keys().stream().map(Column::name).toList();
    List<String> primaryKey = table.primaryKey();
    Set<String> expected = normalized(keys, table.caseSensitive());
    if (expected.equals(normalized(primaryKey, table.caseSensitive()))) {
      return;
    }
    String keyList = "(" + keys.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
    if (primaryKey.isEmpty()) {
      problem(null, "has no primary key, so nothing keeps " + list(keys) + " unique: an update"
              + " or delete by key could change several rows",
          dialect == Dialect.SQLITE
              ? "recreate the table with PRIMARY KEY " + keyList
              : "ALTER TABLE " + table() + " ADD PRIMARY KEY " + keyList);
      return;
    }
    problem(null, "its primary key is " + list(primaryKey) + ", but " + entity.simpleName()
            + "'s key (its @Id fields) is " + list(keys),
        switch (dialect) {
          case MARIADB -> "ALTER TABLE " + table() + " DROP PRIMARY KEY, ADD PRIMARY KEY " + keyList;
          case POSTGRESQL -> "replace the primary key: ALTER TABLE " + table()
              + " DROP CONSTRAINT <its name>, ADD PRIMARY KEY " + keyList;
          case SQLITE -> "recreate the table with PRIMARY KEY " + keyList;
        } + "; or put @Id on exactly the fields of " + list(primaryKey));
  }

  private void trigger(Map<String, String> installed) {
    TriggerDefinition trigger = entity.trigger();
    if (trigger == null || Triggers.isInstalled(installed, trigger)) {
      return;
    }
    String repository = entity.repositorySimpleName();
    problem(entity.version().name(), "the trigger " + trigger.name() + " that moves the version is"
            + " not installed: without it the version never moves, and a stale copy's update"
            + " succeeds",
        "install it with " + repository + ".createTriggers(), Triggers.create(dataSource), or the"
            + " statements of Triggers.createStatements(Dialect." + dialect + ", " + repository
            + ".TRIGGER) in a migration");
  }

  // ---- fixes ---------------------------------------------------------------------------------

  private static boolean mustBeNotNull(Column column) {
    return !column.nullable();
  }

  private static final String IN_PLACE = " (SQLite cannot change a column in place)";

  /**
   * The fix that changes {@code column}: on PostgreSQL {@code ALTER COLUMN <column> <postgresql>},
   * on MariaDB {@code MODIFY <column> <mariadb>} (the column's whole definition), and on SQLite,
   * which cannot change a column, "recreate the table with {@code <column> <sqlite>}".
   */
  private String changeColumn(String column, String postgresql, String mariadb, String sqlite) {
    return switch (dialect) {
      case POSTGRESQL -> "ALTER TABLE " + table() + " ALTER COLUMN " + quote(column) + " "
          + postgresql;
      case MARIADB -> "ALTER TABLE " + table() + " MODIFY " + quote(column) + " " + mariadb;
      case SQLITE -> "recreate the table with " + quote(column) + " " + sqlite;
    };
  }

  private String alterType(Column expected, Catalog.Column actual) {
    String type = recommended(expected);
    return changeColumn(expected.name(), "TYPE " + type,
        type + (!actual.nullable() || mustBeNotNull(expected) ? " NOT NULL" : ""),
        type + " (SQLite cannot change a column's type; " + entity.repositorySimpleName()
            + ".createTableSql(Dialect.SQLITE) has the statement)");
  }

  private String setNotNull(Column expected, Catalog.Column actual) {
    return changeColumn(expected.name(), "SET NOT NULL",
        actual.display().toUpperCase(Locale.ROOT) + " NOT NULL",
        recommended(expected) + " NOT NULL" + IN_PLACE);
  }

  private String generateKey(Column expected, Catalog.Column actual) {
    return changeColumn(expected.name(), "ADD GENERATED BY DEFAULT AS IDENTITY",
        actual.display().toUpperCase(Locale.ROOT) + " NOT NULL AUTO_INCREMENT",
        "INTEGER PRIMARY KEY AUTOINCREMENT");
  }

  /**
   * The column type optilock recommends for {@code column} on this database, as {@code
   * createTableSql} writes it ({@code docs/types.md}); a TIMESTAMP version's with its 6 digits.
   */
  private String recommended(Column column) {
    boolean stamp = column.strategy() == Strategy.TIMESTAMP && column.kind().isTemporal();
    Kind kind = column.kind();
    return switch (dialect) {
      case SQLITE -> kind.isInteger() || kind == Kind.BOOLEAN ? "INTEGER"
          : kind == Kind.FLOAT || kind == Kind.DOUBLE ? "REAL"
          : kind == Kind.BYTES ? "BLOB" : "TEXT";
      case POSTGRESQL -> switch (kind) {
        case STRING, ENUM, CHAR -> "TEXT";
        case BOOLEAN -> "BOOLEAN";
        case BYTE, SHORT -> "SMALLINT";
        case INT -> "INTEGER";
        case LONG -> "BIGINT";
        case FLOAT -> "REAL";
        case DOUBLE -> "DOUBLE PRECISION";
        case BIG_DECIMAL -> "NUMERIC";
        case BYTES -> "BYTEA";
        case UUID -> "UUID";
        case LOCAL_DATE -> "DATE";
        case LOCAL_DATE_TIME -> stamp ? "TIMESTAMP(6)" : "TIMESTAMP";
        case INSTANT, OFFSET_DATE_TIME -> stamp ? "TIMESTAMPTZ(6)" : "TIMESTAMPTZ";
      };
      case MARIADB -> switch (kind) {
        case STRING -> column.key() ? "VARCHAR(255)" : "TEXT";
        case ENUM -> "VARCHAR(64)";
        case CHAR -> "VARCHAR(1)";
        case BOOLEAN -> "BOOLEAN";
        case BYTE -> "TINYINT";
        case SHORT -> "SMALLINT";
        case INT -> "INT";
        case LONG -> "BIGINT";
        case FLOAT, DOUBLE -> "DOUBLE";
        case BIG_DECIMAL -> "DECIMAL(38,10)";
        case BYTES -> "LONGBLOB";
        case UUID -> "CHAR(36)";
        case LOCAL_DATE -> "DATE";
        case LOCAL_DATE_TIME, INSTANT, OFFSET_DATE_TIME -> "DATETIME(6)";
      };
    };
  }

  private static String boxed(Column column) {
    return column.kind().object;
  }

  private String table() {
    return entity.schemaName() == null
        ? quote(entity.tableName())
        : quote(entity.schemaName()) + "." + quote(entity.tableName());
  }

  private String quote(String identifier) {
    return dialect.quote() + identifier + dialect.quote();
  }

  private static String list(List<String> columns) {
    return "(" + String.join(", ", columns) + ")";
  }

  private static Set<String> normalized(List<String> names, boolean caseSensitive) {
    return names.stream()
        .map(n -> caseSensitive ? n : n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }
}
