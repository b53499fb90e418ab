package dev.optilock.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * Everything the writer needs to know about one versioned entity: validated, immutable, and free of
 * javac types.
 *
 * @param entity the entity class
 * @param repository the repository class to write
 * @param table the table name, unquoted
 * @param schema the schema that holds the table, or {@code null} for the current one
 * @param shape how the repository creates entities
 * @param columns every column, in declaration order
 * @param ids the key columns (of {@code columns}), in declaration order: one, or several for a
 *     composite key
 * @param generatedId whether the database assigns the key on insert
 * @param version the version column (one of {@code columns})
 * @param versioning how the version moves, and the UPDATE's bind order
 * @param inject which {@code @Inject} the constructor carries
 * @param external whether the class was made versioned by {@code @VersionedType}: it has no version
 *     property, so the repository works with {@code Versioned<entity>} and {@code version} is a
 *     column only
 */
record EntityModel(
    ClassName entity,
    ClassName repository,
    String table,
    String schema,
    Shape shape,
    List<PropertyModel> columns,
    List<PropertyModel> ids,
    boolean generatedId,
    PropertyModel version,
    Versioning versioning,
    Inject inject,
    boolean external) {

  /** How the repository creates an entity from a row. */
  enum Shape {
    /** A record: its canonical constructor; a new version means a new instance. */
    RECORD,
    /**
     * A class with a constructor taking every column in declaration order, whose version the
     * repository sets on the same instance (a setter, or a field it may write).
     */
    ALL_ARGS_CONSTRUCTOR,
    /**
     * An immutable class (a hand-written value class, Lombok {@code @Value}, a Kotlin data class):
     * read through its accessors and built through its constructor taking every column, whose
     * parameter names are the fields'; like a record, a new version means a new instance.
     */
    IMMUTABLE_CLASS,
    /** A class with a no-arg constructor, filled through setters or fields. */
    NO_ARG_CONSTRUCTOR
  }

  /** The {@code @Inject} annotation on the generated constructor. */
  enum Inject {
    NONE,
    JAKARTA,
    JAVAX
  }

  boolean isComposite() {
    return ids.size() > 1;
  }

  /** The one key column; only for single-column keys. */
  PropertyModel id() {
    if (isComposite()) {
      throw new IllegalStateException(entity + " has a composite key");
    }
    return ids.get(0);
  }

  boolean isKey(PropertyModel column) {
    return ids.contains(column);
  }

  boolean isRecord() {
    return shape == Shape.RECORD;
  }

  /**
   * Whether the repository makes a new instance for a new version or key (records and immutable
   * classes), instead of setting it on the instance it was given.
   */
  boolean buildsNewInstance() {
    return shape == Shape.RECORD || shape == Shape.IMMUTABLE_CLASS;
  }

  /**
   * The columns outside key and version that {@code createTable()} declares NOT NULL although
   * their stored type is an object: a converted primitive field, or a field declared not null
   * ({@code @NotNull}, as Kotlin writes for a non-null property).
   */
  List<String> notNullColumns() {
    return columns.stream()
        .filter(c -> !isKey(c) && c != version && (c.isConverted() && c.primitive() || c.notNull()))
        .map(PropertyModel::column)
        .toList();
  }
}
