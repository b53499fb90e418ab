package dev.optilock.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the database's catalog says about one table, read with the connection of a {@link
 * ConnectionLease}: read-only queries that cannot fail for a missing table, so that they are safe
 * inside a caller's transaction (a failed statement would abort it on PostgreSQL).
 *
 * <ul>
 *   <li>PostgreSQL: {@code to_regclass} finds the table as the repository's SQL does (through the
 *       {@code search_path} when no schema is named), then {@code information_schema.columns} and
 *       {@code pg_index}.
 *   <li>MariaDB/MySQL: {@code information_schema.COLUMNS} of the named or the current database
 *       (names compared as the server compares them).
 *   <li>SQLite: {@code pragma_table_xinfo}, which searches the attached databases as SQLite's name
 *       resolution does.
 * </ul>
 */
final class Catalog {
  private Catalog() {}

  /**
   * One column as the database declares it.
   *
   * @param name the column name
   * @param type the type's base name, lower case: {@code int8}, {@code timestamptz} (PostgreSQL's
   *     {@code udt_name}), {@code datetime} (MariaDB's {@code DATA_TYPE}), or SQLite's declared type
   * @param display the type as a person would write it: {@code timestamptz(0)}, {@code datetime(6)}
   * @param nullable whether the column accepts NULL
   * @param length the maximum length of a character type, else null
   * @param fraction the fraction digits a date-time type keeps, else null
   * @param generatedKey whether the database assigns its value on insert (identity, serial,
   *     AUTO_INCREMENT, SQLite's INTEGER PRIMARY KEY)
   * @param computed whether it is a generated (computed) column that cannot be written
   * @param hasDefault whether it has a default value
   * @param primaryKey whether it is part of the primary key
   */
  record Column(String name, String type, String display, boolean nullable, Long length,
      Integer fraction, boolean generatedKey, boolean computed, boolean hasDefault,
      boolean primaryKey) {}

  /**
   * A table's columns, in their order.
   *
   * @param caseSensitive whether column names must match exactly (PostgreSQL, where optilock's
   *     quoted identifiers keep their case), or ignoring case (MariaDB, SQLite)
   */
  record Table(List<Column> columns, boolean caseSensitive) {

    /** The column named {@code name}, or null. */
    Column column(String name) {
      for (Column column : columns) {
        if (caseSensitive ? column.name().equals(name) : column.name().equalsIgnoreCase(name)) {
          return column;
        }
      }
      return null;
    }

    List<String> primaryKey() {
      return columns.stream().filter(Column::primaryKey).map(Column::name).toList();
    }
  }

  /** The table {@code schema.table} (or {@code table} when schema is null), or null when missing. */
  static Table read(ConnectionLease lease, String schema, String table) throws SQLException {
    List<Column> columns = switch (lease.dialect()) {
      case POSTGRESQL -> postgresql(lease, schema, table);
      case MARIADB -> mariadb(lease, schema, table);
      case SQLITE -> sqlite(lease, schema, table);
    };
    return columns.isEmpty() ? null : new Table(columns, lease.dialect() == Dialect.POSTGRESQL);
  }

  private static final String POSTGRESQL = "SELECT c.column_name, c.udt_name, c.is_nullable,"
      + " c.character_maximum_length, c.datetime_precision, c.is_identity, c.column_default,"
      + " c.is_generated,"
      + " EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
      + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
      + " WHERE i.indrelid = r.oid AND i.indisprimary AND a.attname = c.column_name)"
      + " FROM pg_catalog.pg_class r"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
      + " JOIN information_schema.columns c ON c.table_schema = n.nspname AND c.table_name = r.relname"
      + " WHERE r.oid = to_regclass(?)"
      + " ORDER BY c.ordinal_position";

  private static List<Column> postgresql(ConnectionLease lease, String schema, String table)
      throws SQLException {
    String name = (schema == null ? "" : '"' + schema + "\".") + '"' + table + '"';
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement statement = lease.connection().prepareStatement(POSTGRESQL)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2);
          Long length = longOrNull(rows, 4);
          Integer fraction = type.startsWith("timestamp") ? intOrNull(rows, 5) : null;
          String defaultValue = rows.getString(7);
          columns.add(new Column(rows.getString(1), type, postgresqlDisplay(type, length, fraction),
              "YES".equals(rows.getString(3)), length, fraction,
              "YES".equals(rows.getString(6))
                  || defaultValue != null && defaultValue.startsWith("nextval("),
              "ALWAYS".equals(rows.getString(8)), defaultValue != null, rows.getBoolean(9)));
        }
      }
    }
    return columns;
  }

  private static String postgresqlDisplay(String type, Long length, Integer fraction) {
    String base = switch (type) {
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "bool" -> "boolean";
      case "bpchar" -> "char";
      default -> type;
    };
    if (length != null) {
      return base + "(" + length + ")";
    }
    if (fraction != null && fraction != 6) {
      return base + "(" + fraction + ")";
    }
    return base;
  }

  private static final String MARIADB = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,"
      + " CHARACTER_MAXIMUM_LENGTH, DATETIME_PRECISION, COLUMN_KEY, EXTRA, COLUMN_DEFAULT"
      + " FROM information_schema.COLUMNS"
      + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
      + " ORDER BY ORDINAL_POSITION";

  private static List<Column> mariadb(ConnectionLease lease, String schema, String table)
      throws SQLException {
    List<Column> columns = new ArrayList<>();
    // The current database as a value, not DATABASE() in the query: with constants only, MariaDB
    // opens just this table instead of every table on the server.
    String database = schema != null ? schema : lease.connection().getCatalog();
    if (database == null) {
      return columns;
    }
    try (PreparedStatement statement = lease.connection().prepareStatement(MARIADB)) {
      statement.setString(1, database);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2).toLowerCase(Locale.ROOT);
          String extra = rows.getString(8) == null ? "" : rows.getString(8).toLowerCase(Locale.ROOT);
          boolean temporal = type.equals("datetime") || type.equals("timestamp");
          columns.add(new Column(rows.getString(1), type, rows.getString(3).toLowerCase(Locale.ROOT),
              "YES".equals(rows.getString(4)), longOrNull(rows, 5),
              temporal ? intOrNull(rows, 6) : null, extra.contains("auto_increment"),
              // MariaDB: VIRTUAL/STORED/PERSISTENT GENERATED; MySQL also DEFAULT_GENERATED, a default
              extra.contains("generated") && !extra.contains("default_generated"),
              rows.getString(9) != null, "PRI".equals(rows.getString(7))));
        }
      }
    }
    return columns;
  }

  private static List<Column> sqlite(ConnectionLease lease, String schema, String table)
      throws SQLException {
    String sql = "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?"
        + (schema == null ? ")" : ", ?)");
    List<Column> columns = new ArrayList<>();
    if (schema != null && !sqliteAttached(lease, schema)) {
      return columns; // pragma_table_xinfo would fail with "unknown database"
    }
    int keyColumns = 0;
    try (PreparedStatement statement = lease.connection().prepareStatement(sql)) {
      statement.setString(1, table);
      if (schema != null) {
        statement.setString(2, schema);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String declared = rows.getString(2) == null ? "" : rows.getString(2);
          boolean primaryKey = rows.getInt(5) > 0;
          keyColumns += primaryKey ? 1 : 0;
          int hidden = rows.getInt(6);
          columns.add(new Column(rows.getString(1), declared.toLowerCase(Locale.ROOT),
              declared.isEmpty() ? "(no type)" : declared, rows.getInt(3) == 0, null, null,
              primaryKey && declared.equalsIgnoreCase("INTEGER"), hidden == 2 || hidden == 3,
              rows.getString(4) != null, primaryKey));
        }
      }
    }
    if (keyColumns > 1) {
      // Only a single-column INTEGER PRIMARY KEY is the rowid, which SQLite assigns.
      columns.replaceAll(c -> c.generatedKey()
          ? new Column(c.name(), c.type(), c.display(), c.nullable(), c.length(), c.fraction(),
              false, c.computed(), c.hasDefault(), c.primaryKey())
          : c);
    }
    return columns;
  }

  /** Whether the connection has a database attached under {@code schema} (or it is main/temp). */
  private static boolean sqliteAttached(ConnectionLease lease, String schema) throws SQLException {
    try (PreparedStatement statement = lease.connection().prepareStatement(
        "SELECT 1 FROM pragma_database_list WHERE name = ? COLLATE NOCASE")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static Long longOrNull(ResultSet rows, int index) throws SQLException {
    long value = rows.getLong(index);
    return rows.wasNull() ? null : value;
  }

  private static Integer intOrNull(ResultSet rows, int index) throws SQLException {
    int value = rows.getInt(index);
    return rows.wasNull() ? null : value;
  }
}
