package dev.optilock.runtime;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What every repository optilock generates offers, whatever its entity: compare-and-set writes,
 * reads by key and version, batches and the table's schema. {@code ArticleRepository} is a {@code
 * VersionedRepository<Article, Long, Long>}; inject the generated class where you can, and this
 * interface where code must serve any entity (a test kit, a generic admin screen).
 *
 * <p>The generated class adds what only some entities have: overloads that take a composite key's
 * parts or a primitive key, {@code updateWithoutIncrement} (not for TRIGGER versions), {@code
 * createTriggers}/{@code dropTriggers} (TRIGGER versions only), the static {@code SCHEMA} and
 * {@code createTableSql(Dialect)}, and the queries the entity's {@code @Queries} interfaces declare.
 *
 * @param <E> the entity the repository stores (for a {@code @VersionedType}, {@code Versioned<E>})
 * @param <K> the key: the {@code @Id} field's type (boxed), or {@link CompositeKey} for several
 * @param <V> the version: the {@code @VersionField}'s type (boxed)
 */
public interface VersionedRepository<E, K, V> {

  /**
   * Inserts a row with the initial version, whatever version {@code entity} carries; returns the
   * stored entity (a record: a new instance; a class: the same instance, updated).
   */
  E insert(E entity);

  /** The row with this key, or empty. */
  Optional<E> findById(K id);

  /** Every row, ordered by the key. */
  List<E> findAll();

  /**
   * Writes {@code entity} if its row still has the version it carries ({@code UPDATE ... WHERE key
   * AND version = ?}) and moves the version on; returns the entity with the new version.
   *
   * @throws RecordModifiedException when the row has another version or is gone; nothing written
   */
  E update(E entity);

  /** Like {@link #update}, but a conflict gives an empty result instead of an exception. */
  Optional<E> tryUpdate(E entity);

  /**
   * Deletes the row of {@code entity} if it still has the version {@code entity} carries.
   *
   * @throws RecordModifiedException when the row has another version or is gone; nothing deleted
   */
  void delete(E entity);

  /** Inserts {@code entity} when its version holds the unsaved default (0 or null), else updates it. */
  E save(E entity);

  /** Whether the stored row's version differs from the one {@code entity} carries, or the row is gone. */
  boolean isChanged(E entity);

  /** The row with this key, only if it still has exactly this version. */
  Optional<E> findByIdAndVersion(K id, V version);

  /**
   * Writes {@code entity} whatever version its row holds now, and still moves the version on.
   *
   * @throws RecordModifiedException when the row is gone
   */
  E updateUnchecked(E entity);

  /** Compare-and-set updates every entity in one transaction; conflicts as {@code policy} says. */
  BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy);

  /** Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link #updateAll}. */
  BatchResult<E> deleteAll(Collection<E> entities, ConflictPolicy policy);

  /** Runs {@code action} in one transaction, only if every selected row still has its entity's version. */
  <R> R ifUnchanged(Collection<E> selection, Supplier<R> action);

  /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@link RetryPolicy#defaults()}. */
  E modify(K id, UnaryOperator<E> change);

  /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@code policy}. */
  E modify(K id, UnaryOperator<E> change, RetryPolicy policy);

  /** Creates the table (and a TRIGGER version's trigger) if it is not there yet. */
  void createTable();

  /** Compares the table with {@link #schema()}; every mismatch with its fix. */
  SchemaReport verifySchema();

  /**
   * The entity of the current row of {@code resultSet}, fetched by your own SQL (plain JDBC, jOOQ,
   * JDBI): its columns are found by label, so the row must hold every column of the entity's table
   * under its own name, the version included; the result can be passed to {@link #update} and
   * {@link #delete}. Does not move the cursor.
   *
   * @throws DataAccessException when a column is missing from the row, or cannot be read
   */
  E fromRow(ResultSet resultSet);

  /** The table column by column, as the generated class's {@code SCHEMA} constant holds it. */
  EntitySchema schema();

  /** The key {@code entity} carries: what {@link #findById} takes. */
  K idOf(E entity);

  /** The version {@code entity} carries: what {@link #findByIdAndVersion} takes. */
  V versionOf(E entity);
}
