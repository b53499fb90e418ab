package dev.optilock.test;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.TriggerDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * One entity's table as its repository's {@link EntitySchema} describes it, and the plain JDBC the
 * checks use to look at it from outside the repository: a snapshot of every row, and writing a
 * chosen version into one row.
 */
final class EntityTable {
  /** One column line of the schema: {@code version long VERSION TRIGGER counter_version}. */
  record Column(String name, String javaType, boolean key, String strategy, String trigger) {
    static Column parse(String line) {
      String[] words = line.split(" ");
      boolean key = false;
      String strategy = null;
      String trigger = null;
      for (int i = 2; i < words.length; i++) {
        switch (words[i]) {
          case "KEY" -> key = true;
          case "VERSION" -> {
            strategy = words[++i];
            trigger = i + 1 < words.length ? words[i + 1] : null;
            i = words.length;
          }
          default -> { } // GENERATED and words a later schema may add: not needed here
        }
      }
      return new Column(words[0], words[1], key, strategy, trigger);
    }
  }

  private final EntitySchema schema;
  private final DataSource dataSource;
  private final List<Column> keys;
  private final Column version;

  EntityTable(EntitySchema schema, DataSource dataSource) {
    this.schema = schema;
    this.dataSource = dataSource;
    List<Column> columns = schema.columnLines().stream().map(Column::parse).toList();
    this.keys = columns.stream().filter(Column::key).toList();
    this.version = columns.stream().filter(c -> c.strategy() != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(schema + " has no version column"));
  }

  /** {@code Article}. */
  String entity() {
    return schema.entity().substring(schema.entity().lastIndexOf('.') + 1);
  }

  /** {@code ArticleRepository}. */
  String repository() {
    return schema.repository().substring(schema.repository().lastIndexOf('.') + 1);
  }

  /** {@code article}, or {@code schema.article}. */
  String table() {
    return schema.table();
  }

  Column version() {
    return version;
  }

  /** {@code INCREMENT}, {@code TIMESTAMP}, {@code RANDOM} or {@code TRIGGER}. */
  String strategy() {
    return version.strategy();
  }

  /** {@code article.version}. */
  String versionColumn() {
    return table() + "." + version.name();
  }

  /** The trigger of a TRIGGER version, else null. */
  TriggerDefinition trigger() {
    if (version.trigger() == null) {
      return null;
    }
    return new TriggerDefinition(schema.entity(), table(),
        keys.stream().map(Column::name).collect(Collectors.joining(",")), version.name(),
        version.trigger());
  }

  /** {@code Article[id=7]}: the entity and its key, as conflict messages name them. */
  String row(Object id) {
    if (keys.size() == 1 && !(id instanceof dev.optilock.runtime.CompositeKey)) {
      return entity() + "[" + keys.get(0).name() + "=" + id + "]";
    }
    return entity() + "[" + id + "]";
  }

  // ---- plain JDBC ------------------------------------------------------------------------------

  /**
   * Every row of the table, ordered by the key, each as {@code column=value, ...}: what a refused
   * write must leave exactly as it was.
   */
  List<String> snapshot() {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      String sql = "SELECT * FROM " + quotedTable(dialect) + " ORDER BY "
          + keys.stream().map(k -> quote(dialect, k.name())).collect(Collectors.joining(", "));
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> snapshot = new ArrayList<>();
        while (rows.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rows.getObject(i);
            row.append(i == 1 ? "" : ", ").append(meta.getColumnLabel(i)).append('=')
                .append(value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes)
                    : rows.getString(i));
          }
          snapshot.add(row.toString());
        }
        return snapshot;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading table " + table() + " of " + entity()
          + " with plain JDBC: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@link #writeVersion} and {@link #deleteRow} can find the row of {@code id}: a single
   * key column of a type JDBC binds directly, and an {@code id} of that type (a converted key's
   * Java value is not).
   */
  boolean canAddress(Object id) {
    if (keys.size() != 1 || id == null) {
      return false;
    }
    return switch (keys.get(0).javaType()) {
      case "long", "Long" -> id instanceof Long;
      case "int", "Integer" -> id instanceof Integer;
      case "short", "Short" -> id instanceof Short;
      case "String" -> id instanceof String;
      case "UUID" -> id instanceof UUID;
      default -> false;
    };
  }

  /**
   * A version near the end of what the strategy's values reach, with every digit the version
   * column must keep: the largest counter but one, a timestamp late in the 22nd century with all
   * six fraction digits, a UUID of all ones. Null for TRIGGER versions, which the database writes.
   */
  Object extremeVersion() {
    Instant instant = Instant.parse("2199-12-31T23:59:59.999999Z");
    return switch (strategy()) {
      case "INCREMENT" -> switch (version.javaType()) {
        case "long", "Long" -> Long.MAX_VALUE - 1;
        case "int", "Integer" -> Integer.MAX_VALUE - 1;
        default -> null;
      };
      case "TIMESTAMP" -> switch (version.javaType()) {
        case "Instant" -> instant;
        case "LocalDateTime" -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        case "OffsetDateTime" -> instant.atOffset(ZoneOffset.UTC);
        case "long", "Long" -> ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        default -> null;
      };
      case "RANDOM" -> "UUID".equals(version.javaType())
          ? new UUID(-1L, -1L) : null;
      default -> null;
    };
  }

  /**
   * Sets the version column of the row of {@code id} to {@code value} with a plain UPDATE, as a
   * migration or another client could.
   *
   * @return the rows the UPDATE changed
   */
  int writeVersion(Object id, Object value) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      String sql = "UPDATE " + quotedTable(dialect) + " SET " + quote(dialect, version.name())
          + " = ? WHERE " + quote(dialect, keys.get(0).name()) + " = ?";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, dialect, 1, value);
        bind(statement, dialect, 2, id);
        int changed = statement.executeUpdate();
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        return changed;
      }
    }
  }

  /** Deletes the row of {@code id} with a plain DELETE; returns the rows deleted. */
  int deleteRow(Object id) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      try (PreparedStatement statement = connection.prepareStatement("DELETE FROM "
          + quotedTable(dialect) + " WHERE " + quote(dialect, keys.get(0).name()) + " = ?")) {
        bind(statement, dialect, 1, id);
        int deleted = statement.executeUpdate();
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        return deleted;
      }
    }
  }

  /** The version column of the row of {@code id} as the driver gives it as text, for messages. */
  String storedVersionText(Object id) {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      String sql = "SELECT " + quote(dialect, version.name()) + " FROM " + quotedTable(dialect)
          + " WHERE " + quote(dialect, keys.get(0).name()) + " = ?";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, dialect, 1, id);
        try (ResultSet row = statement.executeQuery()) {
          return row.next() ? row.getString(1) : "(no row)";
        }
      }
    } catch (SQLException e) {
      return "(could not read it: " + e.getMessage() + ")";
    }
  }

  private static void bind(PreparedStatement statement, Dialect dialect, int index, Object value)
      throws SQLException {
    if (value instanceof Long l) {
      statement.setLong(index, l);
    } else if (value instanceof Integer i) {
      statement.setInt(index, i);
    } else if (value instanceof Short s) {
      statement.setShort(index, s);
    } else if (value instanceof String s) {
      statement.setString(index, s);
    } else if (value instanceof UUID u) {
      dialect.setUuid(statement, index, u);
    } else if (value instanceof Instant t) {
      dialect.setInstant(statement, index, t);
    } else if (value instanceof LocalDateTime t) {
      dialect.setLocalDateTime(statement, index, t);
    } else if (value instanceof OffsetDateTime t) {
      dialect.setOffsetDateTime(statement, index, t);
    } else {
      throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
    }
  }

  private String quotedTable(Dialect dialect) {
    String table = table();
    int dot = table.indexOf('.');
    return dot < 0 ? quote(dialect, table)
        : quote(dialect, table.substring(0, dot)) + "." + quote(dialect, table.substring(dot + 1));
  }

  private static String quote(Dialect dialect, String identifier) {
    return dialect.quote() + identifier + dialect.quote();
  }
}
