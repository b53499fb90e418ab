package dev.optilock.runtime.internal;

import dev.optilock.runtime.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What is particular to one entity type, written by the processor as straight-line code in a
 * nested class of its repository: reading the key and the version, binding the other columns,
 * reading a row, and making the entity with a new version. Everything else (the SQL, leases,
 * statements, the compare-and-set protocol) is {@link Engine}'s. Not for users; may change in any
 * release.
 *
 * <p>Column order: {@link #bind} binds the columns that are neither key nor version, in
 * declaration order; {@link #read} reads every column in declaration order (for a {@code
 * Versioned<T>}, the version last).
 *
 * @param <E> what the repository takes and returns: the entity, or {@code Versioned<entity>}
 */
public interface Mapping<E> {
  /** The key of {@code entity}: its value, or a {@code CompositeKey} of the parts. */
  Object id(E entity);

  /** The Java name of the single key field, for messages; {@code id} unless the processor says otherwise. */
  default String keyName() {
    return "id";
  }

  /** The version {@code entity} carries (boxed; null when an object version was never set). */
  Object version(E entity);

  /**
   * Binds the columns that are neither key nor version, in declaration order, to parameters
   * {@code index}, {@code index + 1}, ...
   *
   * @return the index of the next parameter
   */
  int bind(PreparedStatement statement, Dialect dialect, E entity, int index) throws SQLException;

  /**
   * The entity of the current row, every column selected in declaration order: by default {@link
   * #read(ResultSet, Dialect, int[])} with the column of property {@code i} at position {@code i +
   * 1}, so that generated code writes one reader.
   */
  default E read(ResultSet resultSet, Dialect dialect) throws SQLException {
    return read(resultSet, dialect, Columns.IN_ORDER);
  }

  /**
   * The entity of the current row of a result whose columns come in another order (a {@code @Sql}
   * query, the caller's own SQL): the column of each property, in declaration order, is at {@code
   * columns[i]}.
   */
  default E read(ResultSet resultSet, Dialect dialect, int[] columns) throws SQLException {
    throw new UnsupportedOperationException("this repository was generated without reading by label");
  }

  /**
   * The entity with {@code version}: a new instance for records and {@code Versioned}, the same
   * instance with its version set for classes. Called only once the row is written.
   */
  E withVersion(E entity, Object version);

  /**
   * Whether the entity's version holds the unsaved default: 0 for a counter, or null. The
   * processor writes it for a primitive version, which it then reads without boxing.
   */
  default boolean unsaved(E entity) {
    return Engine.unsaved(version(entity));
  }

  /**
   * The hot path of {@code update}: binds the compare-and-set UPDATE of a version the application
   * computes (the columns but key and version, the next version, the key, the expected version)
   * with typed setters, and returns the next version. The processor writes it for INCREMENT,
   * TIMESTAMP and RANDOM versions; the default returns null, binding nothing, and the engine then
   * binds the statement itself through {@link #id} and {@link #version}.
   */
  default Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
      throws SQLException {
    return null;
  }

  /** For a generated key: the entity with the key the database assigned (same rules as withVersion). */
  default E withKey(E entity, Object key) {
    throw new UnsupportedOperationException("the key of this entity is not generated");
  }

  /**
   * For a conditional version: binds the new values of the columns whose change moves the version,
   * from {@code index} on, and returns the next index.
   */
  default int bindCompared(PreparedStatement statement, Dialect dialect, E entity, int index)
      throws SQLException {
    return index;
  }

  /**
   * Whether {@link #bindId} and {@link #readId} are written here (a composite, converted or enum
   * key); otherwise {@link Engine} binds and reads the key by its column's Java type.
   */
  default boolean customKey() {
    return false;
  }

  /** Binds a key to parameter {@code index} (and the next ones, for a composite key). */
  default void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
      throws SQLException {
    throw new UnsupportedOperationException("no custom key");
  }

  /** Reads a key from column {@code index} (and the next ones, for a composite key). */
  default Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
    throw new UnsupportedOperationException("no custom key");
  }

  /**
   * For a {@link #customKey()}: whether every key part is a whole number stored as it is, so that
   * Java's order and equality of keys are the database's (see {@code BatchRows.integralKey}).
   */
  default boolean integralKey() {
    return false;
  }

  /**
   * The mapping of an entity whose version is a primitive {@code long} the application computes (a
   * counter, or a TIMESTAMP kept as microseconds): {@code update}'s hot path then binds and returns
   * the next version, and builds the updated entity, without boxing it.
   */
  interface LongVersion<E> extends Mapping<E> {
    /** {@link #bindUpdate}, returning the next version unboxed. */
    long bindUpdateLong(PreparedStatement statement, Dialect dialect, E entity) throws SQLException;

    /** {@link #withVersion(Object, Object)} with an unboxed version. */
    E withVersion(E entity, long version);

    @Override
    default E withVersion(E entity, Object version) {
      return withVersion(entity, ((Long) version).longValue());
    }

    @Override
    default Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      return bindUpdateLong(statement, dialect, entity);
    }
  }
}
