package dev.optilock.runtime;

import dev.optilock.runtime.internal.ColumnLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one entity expects of its table: the table's name and, column by column, the Java type
 * stored there and the column's role (key, generated key, version). The processor writes one into
 * each repository ({@code ArticleRepository.SCHEMA}) and, as a line of text, into {@code
 * META-INF/optilock/entities.list}, which {@link Schema#verify(javax.sql.DataSource)} reads; {@link
 * Schema} compares it with the database.
 *
 * <p>Each column is one line of text: the column name, the Java type its values have in the
 * database (for a converted field, the type the converter stores), then the role, if any:
 *
 * <pre>
 * id long KEY
 * id long KEY GENERATED
 * title String
 * hits int
 * version Instant VERSION TIMESTAMP
 * version long VERSION TRIGGER optilock_counter_version
 * </pre>
 *
 * <p>A primitive type ({@code long}, {@code int}, ...) never holds null; every other type may,
 * except in a key or version column. Instances are constants: they compare by identity.
 */
public final class EntitySchema {
  /** The Java types a column value can have, as {@link Schema} checks them. */
  enum Kind {
    BOOLEAN("boolean", "Boolean", 1),
    BYTE("byte", "Byte", 8),
    SHORT("short", "Short", 16),
    INT("int", "Integer", 32),
    LONG("long", "Long", 64),
    FLOAT("float", "Float", 0),
    DOUBLE("double", "Double", 0),
    CHAR("char", "Character", 0),
    STRING(null, "String", 0),
    BIG_DECIMAL(null, "BigDecimal", 0),
    BYTES(null, "byte[]", 0),
    UUID(null, "UUID", 0),
    ENUM(null, "enum", 0),
    LOCAL_DATE(null, "LocalDate", 0),
    LOCAL_DATE_TIME(null, "LocalDateTime", 0),
    INSTANT(null, "Instant", 0),
    OFFSET_DATE_TIME(null, "OffsetDateTime", 0);

    final String primitive;
    final String object;
    /** The width of an integer type in bits, 1 for boolean; 0 for the others. */
    final int bits;

    Kind(String primitive, String object, int bits) {
      this.primitive = primitive;
      this.object = object;
      this.bits = bits;
    }

    boolean isInteger() {
      return bits > 1;
    }

    boolean isTemporal() {
      return this == LOCAL_DATE_TIME || this == INSTANT || this == OFFSET_DATE_TIME;
    }
  }

  /** How a version column's next value is made, as {@code @VersionField(strategy = ...)} says. */
  enum Strategy {
    INCREMENT,
    TIMESTAMP,
    RANDOM,
    TRIGGER
  }

  /**
   * One mapped column.
   *
   * @param name the column name
   * @param javaType the Java type as written in the text ({@code long}, {@code Long}, {@code enum})
   * @param kind what that type is
   * @param nullable whether the entity may hold null there (an object type outside key and version)
   * @param key whether the column is (part of) the entity's key
   * @param generated whether the database generates the key on insert
   * @param strategy the version strategy when this is the version column, else null
   * @param trigger the trigger's name for a TRIGGER version, else null
   */
  record Column(String name, String javaType, Kind kind, boolean nullable, boolean key,
      boolean generated, Strategy strategy, String trigger) {

    boolean isVersion() {
      return strategy != null;
    }

    /** The column as its line of text. */
    String spec() {
      StringBuilder text = new StringBuilder(name).append(' ').append(javaType);
      if (key) {
        text.append(" KEY");
      }
      if (generated) {
        text.append(" GENERATED");
      }
      if (strategy != null) {
        text.append(" VERSION ").append(strategy);
      }
      if (trigger != null) {
        text.append(' ').append(trigger);
      }
      return text.toString();
    }

    static Column parse(String spec) {
      ColumnLine line = ColumnLine.parse(spec);
      String javaType = line.javaType();
      Kind kind = null;
      boolean primitive = false;
      for (Kind each : Kind.values()) {
        if (javaType.equals(each.primitive)) {
          kind = each;
          primitive = true;
        } else if (javaType.equals(each.object)) {
          kind = each;
        }
      }
      if (kind == null) {
        throw new IllegalArgumentException("unknown Java type " + javaType + " in '" + spec + "'");
      }
      Strategy strategy = line.strategy() == null ? null : Strategy.valueOf(line.strategy());
      boolean nullable = !primitive && !line.key() && strategy == null;
      return new Column(line.name(), javaType, kind, nullable, line.key(), line.generated(),
          strategy, line.trigger());
    }
  }

  private final String entity;
  private final String repository;
  private final String schema;
  private final String table;
  private final List<Column> columns;

  private EntitySchema(
      String entity, String repository, String schema, String table, List<Column> columns) {
    this.entity = entity;
    this.repository = repository;
    this.schema = schema;
    this.table = table;
    this.columns = columns;
  }

  /**
   * The expectations of one entity, as the processor writes them.
   *
   * @param entity the entity's qualified class name
   * @param repository the repository's qualified class name
   * @param table the table, {@code schema.table} when {@code @Table(schema = ...)} names a schema
   * @param columns every mapped column, one line each (see the class documentation)
   * @throws IllegalArgumentException when a column line cannot be read, or no column is the key or
   *     the version
   */
  public static EntitySchema of(String entity, String repository, String table, String... columns) {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(table, "table");
    List<Column> parsed = new ArrayList<>();
    for (String column : columns) {
      parsed.add(Column.parse(column));
    }
    if (parsed.stream().noneMatch(Column::key) || parsed.stream().filter(Column::isVersion).count() != 1) {
      throw new IllegalArgumentException(
          entity + ": the columns need a KEY and exactly one VERSION: " + Arrays.toString(columns));
    }
    int dot = table.indexOf('.');
    return new EntitySchema(entity, repository, dot < 0 ? null : table.substring(0, dot),
        dot < 0 ? table : table.substring(dot + 1), List.copyOf(parsed));
  }

  /** Reads one line of {@code entities.list}: entity, repository, table and columns, tab-separated. */
  static EntitySchema parse(String line) {
    String[] fields = line.split("\t");
    if (fields.length < 5) {
      throw new IllegalArgumentException("not an entity line: " + line);
    }
    return of(fields[0], fields[1], fields[2], Arrays.copyOfRange(fields, 3, fields.length));
  }

  /** The entity's qualified class name. */
  public String entity() {
    return entity;
  }

  /** The repository's qualified class name. */
  public String repository() {
    return repository;
  }

  /** The table, {@code schema.table} when the entity names a schema. */
  public String table() {
    return schema == null ? table : schema + "." + table;
  }

  /** The schema named by {@code @Table(schema = ...)}, or null for the connection's own. */
  String schemaName() {
    return schema;
  }

  /** The table name without its schema. */
  String tableName() {
    return table;
  }

  List<Column> columns() {
    return columns;
  }

  /**
   * Every column as its line of text (see the class documentation), in declaration order: what
   * the generated code and the runtime's SQL are built from.
   */
  public List<String> columnLines() {
    return columns.stream().map(Column::spec).toList();
  }

  List<Column> keys() {
    return columns.stream().filter(Column::key).toList();
  }

  Column version() {
    return columns.stream().filter(Column::isVersion).findFirst().orElseThrow();
  }

  /** The entity's simple name, for messages: {@code Article}. */
  String simpleName() {
    return entity.substring(entity.lastIndexOf('.') + 1);
  }

  /** The repository's simple name, for fixes: {@code ArticleRepository}. */
  String repositorySimpleName() {
    return repository.substring(repository.lastIndexOf('.') + 1);
  }

  /** The trigger of a TRIGGER version, or null. */
  TriggerDefinition trigger() {
    Column version = version();
    if (version.trigger() == null) {
      return null;
    }
    return new TriggerDefinition(entity, table,
        String.join(",", keys().stream().map(Column::name).toList()), version.name(),
        version.trigger());
  }

  /** This schema as a line of {@code entities.list}. */
  String toLine() {
    List<String> fields = new ArrayList<>(List.of(entity, repository, table()));
    columns.forEach(c -> fields.add(c.spec()));
    return String.join("\t", fields);
  }

  /** The entity, its table and its columns, as the processor wrote them. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(entity).append(" -> ").append(table()).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(columns.get(i).spec());
    }
    return text.append(')').toString();
  }
}
