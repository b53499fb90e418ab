package dev.optilock.runtime.internal;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.VersionedRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The class every generated repository extends: the {@link VersionedRepository} methods, each one
 * call into the repository's {@link Engine}. What is particular to the entity (key overloads,
 * TRIGGER methods, queries, and its binders and readers) stays in the generated subclass. Not for
 * users.
 *
 * <p>The binders and readers are the protected methods below ({@link #bind}, {@link #read}, ...),
 * which the generated class overrides with straight-line code; the engine reaches them through a
 * {@link Mapping} this class makes. Written into the repository itself rather than into a nested
 * class, they cost javac one class file less per entity (docs/benchmarks.md, issue 14). They are
 * protected in a final class: code outside the repository's package cannot call them.
 *
 * @param <E> the entity the repository stores
 * @param <K> the key type (boxed), or {@code CompositeKey}
 * @param <V> the version type (boxed)
 */
public abstract class EngineRepository<E, K, V> implements VersionedRepository<E, K, V> {
  /** The engine the generated subclass's own methods (key overloads, queries) call. */
  protected final Engine<E> engine;

  /**
   * The constructor's {@code longVersion} for a primitive {@code long} version the application
   * computes: the subclass overrides {@link #bindUpdateLong} and {@link #withVersion(Object, long)}.
   */
  protected static final boolean LONG_VERSION = true;

  /**
   * The constructor's {@code longVersion} for every other version: the subclass overrides {@link
   * #bindUpdate} and {@link #withVersion(Object, Object)}.
   */
  protected static final boolean BOXED_VERSION = false;
  private final Function<Dialect, String> createTableSql;

  /**
   * A repository whose binders and readers are its own protected methods.
   *
   * @param contract the {@link Engine#CONTRACT} the repository was generated for
   * @param dataSource where connections come from
   * @param type the entity class (for {@code Versioned<Customer>}, {@code Customer})
   * @param schema the repository's {@code SCHEMA}
   * @param longVersion whether the subclass overrides {@link #bindUpdateLong} and {@link
   *     #withVersion(Object, long)}: a primitive {@code long} version the application computes,
   *     which then stays unboxed on {@code update}'s path ({@link #LONG_VERSION}, else {@link
   *     #BOXED_VERSION})
   * @param createTableSql the generated class's static {@code createTableSql(Dialect)}
   * @param conditions the columns whose change moves a conditional version; none otherwise
   */
  protected EngineRepository(int contract, DataSource dataSource, Class<?> type,
      EntitySchema schema, boolean longVersion, Function<Dialect, String> createTableSql,
      String... conditions) {
    this.engine = new Engine<>(contract, dataSource, type, schema,
        longVersion ? new LongRows() : new Rows(), conditions);
    this.createTableSql = Objects.requireNonNull(createTableSql, "createTableSql");
  }

  /**
   * A repository whose engine drives a {@link Mapping} of its own: a hand-written repository (the
   * test kit's tests have one). Generated repositories use the constructor above.
   *
   * @param engine the repository's engine
   * @param createTableSql the generated class's static {@code createTableSql(Dialect)}
   */
  protected EngineRepository(Engine<E> engine, Function<Dialect, String> createTableSql) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.createTableSql = Objects.requireNonNull(createTableSql, "createTableSql");
  }

  @Override
  public E insert(E entity) {
    return engine.insert(entity);
  }

  @Override
  public Optional<E> findById(K id) {
    return engine.findById(id);
  }

  @Override
  public List<E> findAll() {
    return engine.findAll();
  }

  @Override
  public E update(E entity) {
    return engine.update(entity);
  }

  @Override
  public Optional<E> tryUpdate(E entity) {
    return engine.tryUpdate(entity);
  }

  @Override
  public void delete(E entity) {
    engine.delete(entity);
  }

  @Override
  public E save(E entity) {
    return engine.save(entity);
  }

  @Override
  public boolean isChanged(E entity) {
    return engine.isChanged(entity);
  }

  @Override
  public Optional<E> findByIdAndVersion(K id, V version) {
    return engine.findByIdAndVersion(id, version);
  }

  @Override
  public E updateUnchecked(E entity) {
    return engine.updateUnchecked(entity);
  }

  @Override
  public BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy) {
    return engine.updateAll(entities, policy);
  }

  @Override
  public BatchResult<E> deleteAll(Collection<E> entities, ConflictPolicy policy) {
    return engine.deleteAll(entities, policy);
  }

  @Override
  public <R> R ifUnchanged(Collection<E> selection, Supplier<R> action) {
    return engine.ifUnchanged(selection, action);
  }

  @Override
  public E modify(K id, UnaryOperator<E> change) {
    return engine.modify(id, change, RetryPolicy.defaults());
  }

  @Override
  public E modify(K id, UnaryOperator<E> change, RetryPolicy policy) {
    return engine.modify(id, change, policy);
  }

  @Override
  public void createTable() {
    engine.createTable(createTableSql);
  }

  @Override
  public SchemaReport verifySchema() {
    return engine.verifySchema();
  }

  @Override
  public E fromRow(ResultSet resultSet) {
    return engine.fromRow(resultSet);
  }

  @Override
  public EntitySchema schema() {
    return engine.schema();
  }

  @Override
  @SuppressWarnings("unchecked")
  public K idOf(E entity) {
    return (K) engine.idOf(entity);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V versionOf(E entity) {
    return (V) engine.versionOf(entity);
  }

  // ---- the entity's binders and readers, which the generated subclass overrides ----

  /** The key of {@code entity}: its value, or a {@code CompositeKey}. See {@link Mapping#id}. */
  protected Object id(E entity) {
    throw new UnsupportedOperationException("written by the generated repository");
  }

  /** The key's property name, for messages. See {@link Mapping#keyName}. */
  protected String keyName() {
    return "id";
  }

  /** The version {@code entity} carries. See {@link Mapping#version}. */
  protected Object version(E entity) {
    throw new UnsupportedOperationException("written by the generated repository");
  }

  /**
   * Binds the columns that are neither key nor version from parameter {@code index} on; returns
   * the next index. See {@link Mapping#bind}.
   *
   * @throws SQLException from the driver
   */
  protected int bind(PreparedStatement statement, Dialect dialect, E entity, int index)
      throws SQLException {
    throw new UnsupportedOperationException("written by the generated repository");
  }

  /**
   * The entity of the current row, its columns at these positions. See {@link
   * Mapping#read(ResultSet, Dialect, int[])}.
   *
   * @throws SQLException from the driver
   */
  protected E read(ResultSet resultSet, Dialect dialect, int[] columns) throws SQLException {
    throw new UnsupportedOperationException("written by the generated repository");
  }

  /**
   * {@code entity} with this version. See {@link Mapping#withVersion}. A repository made with
   * {@code longVersion} overrides {@link #withVersion(Object, long)} instead.
   */
  protected E withVersion(E entity, Object version) {
    return withVersion(entity, ((Long) version).longValue());
  }

  /** {@code entity} with this {@code long} version. See {@link Mapping.LongVersion#withVersion}. */
  protected E withVersion(E entity, long version) {
    throw new UnsupportedOperationException("the version of this entity is not a long");
  }

  /** Whether {@code entity} has not been inserted yet. See {@link Mapping#unsaved}. */
  protected boolean unsaved(E entity) {
    return Engine.unsaved(version(entity));
  }

  /**
   * Binds an update's parameters and returns the new version. See {@link Mapping#bindUpdate}.
   *
   * @throws SQLException from the driver
   */
  protected Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
      throws SQLException {
    return null;
  }

  /**
   * Binds an update's parameters and returns the new {@code long} version. See {@link
   * Mapping.LongVersion#bindUpdateLong}.
   *
   * @throws SQLException from the driver
   */
  protected long bindUpdateLong(PreparedStatement statement, Dialect dialect, E entity)
      throws SQLException {
    throw new UnsupportedOperationException("the version of this entity is not a long");
  }

  /** {@code entity} with the key the database generated. See {@link Mapping#withKey}. */
  protected E withKey(E entity, Object key) {
    throw new UnsupportedOperationException("the key of this entity is not generated");
  }

  /**
   * Binds the columns a conditional version compares. See {@link Mapping#bindCompared}.
   *
   * @throws SQLException from the driver
   */
  protected int bindCompared(PreparedStatement statement, Dialect dialect, E entity, int index)
      throws SQLException {
    return index;
  }

  /** Whether the key is bound and read by {@link #bindId} and {@link #readId}. See {@link Mapping#customKey}. */
  protected boolean customKey() {
    return false;
  }

  /**
   * Binds a custom key. See {@link Mapping#bindId}.
   *
   * @throws SQLException from the driver
   */
  protected void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
      throws SQLException {
    throw new UnsupportedOperationException("no custom key");
  }

  /**
   * Reads a custom key. See {@link Mapping#readId}.
   *
   * @throws SQLException from the driver
   */
  protected Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
    throw new UnsupportedOperationException("no custom key");
  }

  /** Whether every key column is a whole number. See {@link Mapping#integralKey}. */
  protected boolean integralKey() {
    return false;
  }

  /** The {@link Mapping} the engine drives: this repository's protected methods. */
  private class Rows implements Mapping<E> {
    @Override
    public Object id(E entity) {
      return EngineRepository.this.id(entity);
    }

    @Override
    public String keyName() {
      return EngineRepository.this.keyName();
    }

    @Override
    public Object version(E entity) {
      return EngineRepository.this.version(entity);
    }

    @Override
    public int bind(PreparedStatement statement, Dialect dialect, E entity, int index)
        throws SQLException {
      return EngineRepository.this.bind(statement, dialect, entity, index);
    }

    @Override
    public E read(ResultSet resultSet, Dialect dialect, int[] columns) throws SQLException {
      return EngineRepository.this.read(resultSet, dialect, columns);
    }

    @Override
    public E withVersion(E entity, Object version) {
      return EngineRepository.this.withVersion(entity, version);
    }

    @Override
    public boolean unsaved(E entity) {
      return EngineRepository.this.unsaved(entity);
    }

    @Override
    public Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      return EngineRepository.this.bindUpdate(statement, dialect, entity);
    }

    @Override
    public E withKey(E entity, Object key) {
      return EngineRepository.this.withKey(entity, key);
    }

    @Override
    public int bindCompared(PreparedStatement statement, Dialect dialect, E entity, int index)
        throws SQLException {
      return EngineRepository.this.bindCompared(statement, dialect, entity, index);
    }

    @Override
    public boolean customKey() {
      return EngineRepository.this.customKey();
    }

    @Override
    public void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
        throws SQLException {
      EngineRepository.this.bindId(statement, dialect, index, id);
    }

    @Override
    public Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
      return EngineRepository.this.readId(resultSet, dialect, index);
    }

    @Override
    public boolean integralKey() {
      return EngineRepository.this.integralKey();
    }
  }

  /** {@link Rows} for a primitive {@code long} version: {@code update} keeps it unboxed. */
  private final class LongRows extends Rows implements Mapping.LongVersion<E> {
    @Override
    public long bindUpdateLong(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      return EngineRepository.this.bindUpdateLong(statement, dialect, entity);
    }

    @Override
    public Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      return bindUpdateLong(statement, dialect, entity);
    }

    @Override
    public E withVersion(E entity, long version) {
      return EngineRepository.this.withVersion(entity, version);
    }
  }
}
