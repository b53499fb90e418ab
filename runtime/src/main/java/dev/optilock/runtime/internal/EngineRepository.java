package dev.optilock.runtime.internal;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.VersionedRepository;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The class every generated repository extends: the {@link VersionedRepository} methods, each one
 * call into the repository's {@link Engine}. What is particular to the entity (its {@link Mapping},
 * key overloads, TRIGGER methods, queries) stays in the generated subclass. Not for users.
 *
 * @param <E> the entity the repository stores
 * @param <K> the key type (boxed), or {@code CompositeKey}
 * @param <V> the version type (boxed)
 */
public abstract class EngineRepository<E, K, V> implements VersionedRepository<E, K, V> {
  /** The engine the generated subclass's own methods (key overloads, queries) call. */
  protected final Engine<E> engine;
  private final Function<Dialect, String> createTableSql;

  /**
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
}
