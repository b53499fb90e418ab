package dev.optilock.runtime.internal;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Schema;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.Sort;
import dev.optilock.runtime.TriggerDefinition;
import dev.optilock.runtime.Triggers;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The compare-and-set protocol of every generated repository, once: leases, statements, exception
 * translation, RETURNING versus read-back, the conflict report, unchecked and no-increment updates,
 * batches, {@code modify}, DDL. A repository holds one engine and delegates each public method to
 * it; the engine is driven by the entity's {@link Mapping} and {@link EntitySchema}. Not for
 * users; may change in any release.
 *
 * <p>The happy path of {@link #update} is one lease, one prepared statement, the mapping's binder,
 * {@code executeUpdate} and {@link Mapping#withVersion}; only a failed compare-and-set pays one
 * extra SELECT to report the conflict.
 *
 * @param <E> what the repository takes and returns: the entity, or {@code Versioned<entity>}
 */
public final class Engine<E> {
  /**
   * The contract between generated code and this runtime: generated repositories pass the value
   * their processor was built against, and an engine of another contract refuses them. Raised
   * whenever what generated code calls, or how, changes incompatibly.
   */
  public static final int CONTRACT = 3;

  private enum Strategy { INCREMENT, TIMESTAMP, RANDOM, TRIGGER }

  private final Database database;
  private final Class<?> type;
  private final EntitySchema schema;
  private final Mapping<E> mapping;
  /** The mapping, when its version is a primitive {@code long} it binds unboxed; else null. */
  private final Mapping.LongVersion<E> longVersion;
  private final Statements statements;
  private final Statements.Sql ansi;
  private final Statements.Sql mysql;
  private final Strategy strategy;
  private final String versionType;
  private final String keyType;
  private final boolean readsBack;
  private final boolean dateTime;
  private final boolean generatedKey;
  private final int keyColumns;
  private final TriggerDefinition trigger;
  private final String param;
  private final String plural;
  private final Rows rows = new Rows();
  private final QueryRunner<E> queries;
  /** What {@link #fromRow} maps: every column of the entity, found by label. */
  private final Query everyColumn;

  /**
   * The engine of one repository.
   *
   * @param contract the {@link #CONTRACT} the repository was generated for
   * @param dataSource where connections come from
   * @param type the entity class (for {@code Versioned<Customer>}, {@code Customer})
   * @param schema the repository's {@code SCHEMA}
   * @param mapping the repository's binders and readers
   * @param conditions the columns whose change moves a conditional version; none otherwise
   * @throws IllegalStateException when this runtime cannot serve code generated for {@code contract}
   */
  public Engine(int contract, DataSource dataSource, Class<?> type, EntitySchema schema,
      Mapping<E> mapping, String... conditions) {
    checkContract(contract, schema);
    this.database = Database.of(dataSource);
    this.type = Objects.requireNonNull(type, "type");
    this.schema = schema;
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    KeyNames.register(type, mapping.keyName());
    this.longVersion = mapping instanceof Mapping.LongVersion<E> typed ? typed : null;
    this.statements = Statements.of(schema, conditions);
    this.ansi = statements.ansi();
    this.mysql = statements.mysql();
    ColumnLine version = statements.version();
    this.strategy = Strategy.valueOf(version.strategy());
    this.versionType = version.javaType();
    List<ColumnLine> keys = statements.keys();
    this.keyColumns = keys.size();
    this.keyType = keys.get(0).javaType();
    this.generatedKey = keys.get(0).generated();
    this.readsBack = strategy == Strategy.TRIGGER || conditions.length > 0;
    this.dateTime = versionType.equals("Instant") || versionType.equals("LocalDateTime")
        || versionType.equals("OffsetDateTime");
    this.trigger = version.trigger() == null ? null : new TriggerDefinition(schema.entity(),
        statements.tableName(), String.join(",", keys.stream().map(ColumnLine::name).toList()),
        version.name(), version.trigger());
    this.param = Naming.decapitalize(type.getSimpleName());
    this.plural = Naming.plural(param);
    this.queries = new QueryRunner<>(database, mapping);
    this.everyColumn = Query.sql(schema, new String[0], "fromRow", "");
  }

  /**
   * Refuses a repository generated for another contract than this runtime's: the versions of
   * optilock-processor and optilock-runtime disagree.
   */
  static void checkContract(int contract, EntitySchema schema) {
    if (contract == CONTRACT) {
      return;
    }
    String release = Engine.class.getPackage() == null ? null
        : Engine.class.getPackage().getImplementationVersion();
    String repository = schema == null ? "a repository" : schema.repository();
    throw new IllegalStateException("optilock runtime " + (release == null ? "" : release + " ")
        + "(contract " + CONTRACT + ") cannot serve " + repository
        + ", which optilock processor generated for contract " + contract
        + ": recompile it with the optilock-processor of the same release as optilock-runtime,"
        + " or align the two versions in the build");
  }

  // ---- the repository's methods ----

  /** Inserts a row with the initial version; returns the entity with it (and its generated key). */
  public E insert(E entity) {
    Objects.requireNonNull(entity, param);
    checkVersionColumn();
    Object initial = initialVersion();
    if (!generatedKey) {
      Object id = mapping.id(entity);
      try (ConnectionLease lease = database.lease();
          PreparedStatement statement = lease.prepare(ansi.insert(), mysql.insert())) {
        Dialect dialect = lease.dialect();
        int index = mapping.bind(statement, dialect, entity, 1);
        index = bindId(statement, dialect, index, id);
        bindVersion(statement, dialect, index, initial);
        statement.executeUpdate();
      } catch (SQLException e) {
        throw database.failure(describe("insert", id), e);
      }
      return mapping.withVersion(entity, initial);
    }
    // The database assigns the key: read it back from the same statement.
    Object key;
    try (ConnectionLease lease = database.lease();
        PreparedStatement statement = lease.prepareInsert(ansi.insert(), mysql.insert(),
            statements.keys().get(0).name())) {
      bindVersion(statement, lease.dialect(), mapping.bind(statement, lease.dialect(), entity, 1), initial);
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database returned no generated key for " + type.getSimpleName());
        }
        key = keyType.equalsIgnoreCase("long") ? (Object) keys.getLong(1) : (Object) keys.getInt(1);
      }
    } catch (SQLException e) {
      throw database.failure("insert of " + type.getSimpleName(), e);
    }
    return mapping.withVersion(mapping.withKey(entity, key), initial);
  }

  /** The row with this key, or empty. */
  public Optional<E> findById(Object id) {
    requireKey(id);
    // a pure read: a replica's connection on a ReadReplicas source, outside transactions and modify
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement = lease.prepare(ansi.selectById(), mysql.selectById())) {
      bindId(statement, lease.dialect(), 1, id);
      return readOne(statement, lease.dialect());
    } catch (SQLException e) {
      throw database.failure(describe("findById", id), e);
    }
  }

  /** Every row, ordered by the key. */
  public List<E> findAll() {
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement = lease.prepare(ansi.selectAll(), mysql.selectAll());
        ResultSet resultSet = statement.executeQuery()) {
      List<E> entities = new ArrayList<>();
      while (resultSet.next()) {
        entities.add(mapping.read(resultSet, lease.dialect()));
      }
      return entities;
    } catch (SQLException e) {
      throw database.failure("findAll of " + type.getSimpleName(), e);
    }
  }

  /** The compare-and-set update; throws {@link RecordModifiedException} on a conflict. */
  public E update(E entity) {
    for (int attempt = 1; ; attempt++) {
      E updated = updateOrNull(entity);
      if (updated != null) {
        return updated;
      }
      RecordModifiedException conflict = conflict(entity, attempt);
      if (conflict != null) {
        throw conflict;
      }
    }
  }

  /** {@link #update}, empty on a conflict. */
  public Optional<E> tryUpdate(E entity) {
    E updated = updateOrNull(entity);
    if (updated == null && Versions.keyMissing(mapping.id(entity))) {
      throw Versions.noKey(type, mapping.id(entity), mapping.version(entity));
    }
    return Optional.ofNullable(updated);
  }

  private E updateOrNull(E entity) {
    if (!OptimisticLocking.isChecking(type)) {
      return Batches.orNullWhenGone(() -> updateUnchecked(entity));
    }
    Objects.requireNonNull(entity, param);
    if (mapping.unsaved(entity)) {
      throw Versions.notSaved(type, mapping.id(entity), mapping.version(entity));
    }
    checkVersionColumn();
    return readsBack ? updateReadingBack(entity) : compareAndSet(entity);
  }

  /**
   * The hot path: one lease, one statement, the mapping's typed binder, one executeUpdate, and
   * the entity with its new version; null when no row changed. Kept small, so that the JIT inlines
   * it and the mapping's binder into the repository's {@code update}.
   */
  private E compareAndSet(E entity) {
    if (longVersion != null) {
      return compareAndSetLong(entity);
    }
    Object next;
    try (ConnectionLease lease = database.lease();
        PreparedStatement statement = lease.prepare(ansi.update(), mysql.update())) {
      next = bindUpdate(statement, lease.dialect(), entity);
      if (statement.executeUpdate() == 0 && !againWithStoredText(lease, statement, entity)) {
        return null;
      }
    } catch (SQLException e) {
      throw failure("update", entity, e);
    }
    return mapping.withVersion(entity, next);
  }

  /** {@link #compareAndSet} for a primitive {@code long} version: the next version stays unboxed. */
  private E compareAndSetLong(E entity) {
    long next;
    try (ConnectionLease lease = database.lease();
        PreparedStatement statement = lease.prepare(ansi.update(), mysql.update())) {
      next = longVersion.bindUpdateLong(statement, lease.dialect(), entity);
      if (statement.executeUpdate() == 0 && !againWithStoredText(lease, statement, entity)) {
        return null;
      }
    } catch (SQLException e) {
      throw failure("update", entity, e);
    }
    return longVersion.withVersion(entity, next);
  }

  /**
   * The update of a version the database decides (a trigger, or a conditional CASE): read back,
   * with RETURNING where the dialect has it, else with a SELECT in the same transaction.
   */
  private E updateReadingBack(E entity) {
    Object id = mapping.id(entity);
    Object stored;
    try (ConnectionLease lease = database.lease()) {
      stored = readBack(lease, entity, id, true, mapping.version(entity), null);
    } catch (SQLException e) {
      throw database.failure(describe("update", id), e);
    }
    return stored == null ? null : mapping.withVersion(entity, stored);
  }

  private DataAccessException failure(String operation, E entity, SQLException cause) {
    return database.failure(describe(operation, mapping.id(entity)), cause);
  }

  /**
   * Binds the compare-and-set UPDATE of a version the application computes, with the mapping's
   * typed binder when it has one; returns the version the statement writes.
   */
  private Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
      throws SQLException {
    Object next = mapping.bindUpdate(statement, dialect, entity);
    return next != null ? next
        : bindUpdate(statement, dialect, entity, mapping.id(entity), mapping.version(entity));
  }

  /** Binds the compare-and-set UPDATE; returns the version it writes (computed even when read back). */
  private Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity, Object id,
      Object expected) throws SQLException {
    Object next = null;
    int index = mapping.bindCompared(statement, dialect, entity, 1);
    if (readsBack && strategy != Strategy.TRIGGER) {
      next = next(expected);
      bindVersion(statement, dialect, index++, next);
    }
    index = mapping.bind(statement, dialect, entity, index);
    if (!readsBack) {
      next = next(expected);
      bindVersion(statement, dialect, index++, next);
    }
    index = bindId(statement, dialect, index, id);
    bindVersion(statement, dialect, index, expected);
    return next;
  }

  /** The compare-and-set delete; throws {@link RecordModifiedException} on a conflict. */
  public void delete(E entity) {
    Objects.requireNonNull(entity, param);
    if (!OptimisticLocking.isChecking(type)) {
      deleteUnchecked(entity);
      return;
    }
    Object expected = mapping.version(entity);
    Object id = mapping.id(entity);
    if (unsaved(expected)) {
      throw Versions.notSaved(type, id, expected);
    }
    for (int attempt = 1; ; attempt++) {
      boolean deleted;
      try (ConnectionLease lease = database.lease();
          PreparedStatement statement = lease.prepare(ansi.delete(), mysql.delete())) {
        bindVersion(statement, lease.dialect(), bindId(statement, lease.dialect(), 1, id), expected);
        deleted = statement.executeUpdate() != 0 || againWithStoredText(lease, statement, entity);
      } catch (SQLException e) {
        throw database.failure(describe("delete", id), e);
      }
      if (deleted) {
        return;
      }
      RecordModifiedException conflict = conflict(entity, attempt);
      if (conflict != null) {
        throw conflict;
      }
    }
  }

  /** Inserts when the version holds the unsaved default, else updates. */
  public E save(E entity) {
    Objects.requireNonNull(entity, param);
    return mapping.unsaved(entity) ? insert(entity) : update(entity);
  }

  /** Whether the stored row's version differs from the entity's, or the row is gone. */
  public boolean isChanged(E entity) {
    Objects.requireNonNull(entity, param);
    Object id = mapping.id(entity);
    try (ConnectionLease lease = database.lease();
        PreparedStatement statement = lease.prepare(ansi.selectVersion(), mysql.selectVersion())) {
      bindId(statement, lease.dialect(), 1, id);
      try (ResultSet resultSet = statement.executeQuery()) {
        return !resultSet.next()
            || !Versions.same(readVersion(resultSet, lease.dialect(), 1), mapping.version(entity));
      }
    } catch (SQLException e) {
      throw database.failure(describe("isChanged", id), e);
    }
  }

  /**
   * The row with this key, only if it still has exactly this version; a date-time version is
   * compared in Java, as the value read (SQLite text another program wrote may spell the same time
   * differently from the text optilock would bind).
   */
  public Optional<E> findByIdAndVersion(Object id, Object version) {
    requireKey(id);
    Objects.requireNonNull(version, "version");
    if (dateTime) {
      return findById(id).filter(found -> Versions.same(mapping.version(found), version));
    }
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement =
            lease.prepare(ansi.selectByIdAndVersion(), mysql.selectByIdAndVersion())) {
      Dialect dialect = lease.dialect();
      bindVersion(statement, dialect, bindId(statement, dialect, 1, id), version);
      return readOne(statement, dialect);
    } catch (SQLException e) {
      throw database.failure(describe("findByIdAndVersion", id), e);
    }
  }

  /**
   * Writes the entity whatever version its row holds now, and still moves the version on; throws
   * {@link RecordModifiedException} when the row is gone.
   */
  public E updateUnchecked(E entity) {
    Objects.requireNonNull(entity, param);
    Object expected = mapping.version(entity);
    Object id = mapping.id(entity);
    if (unsaved(expected)) {
      throw Versions.notSaved(type, id, expected);
    }
    Object next = null;
    if (strategy == Strategy.TIMESTAMP || strategy == Strategy.RANDOM) {
      checkVersionColumn();
      next = next(expected);
    }
    // A TIMESTAMP loop runs once unless the row's version is at or past next (a clock ahead of
    // ours wrote it, or a write came in between): then it moves past what the row holds.
    for (int attempt = 1; ; attempt++) {
      Object stored;
      try (ConnectionLease lease = database.lease()) {
        stored = readBack(lease, entity, id, false, expected, next);
      } catch (SQLException e) {
        throw database.failure(describe("updateUnchecked", id), e);
      }
      if (stored != null) {
        return mapping.withVersion(entity, stored);
      }
      switch (strategy) {
        case INCREMENT -> throw Versions.goneOrAtLargest(conflict(entity)); // gone, or at the largest
        case TIMESTAMP -> {
          E current = current(id).orElseThrow(() -> conflict(entity));
          next = next(Versions.retryPast(type, id, mapping.version(current), attempt));
        }
        default -> throw conflict(entity);
      }
    }
  }

  /**
   * Runs the UPDATE (compare-and-set when {@code cas}, else unchecked) and returns the version the
   * row holds afterwards, null when no row changed: RETURNING where it sees the stored row, else a
   * SELECT in the same transaction.
   */
  private Object readBack(ConnectionLease lease, E entity, Object id, boolean cas, Object expected,
      Object next) throws SQLException {
    boolean triggered = strategy == Strategy.TRIGGER;
    boolean returning = lease.updateReturnsStoredRow(triggered);
    if (triggered || !returning) {
      // A trigger version always runs in a transaction: if the trigger is missing, the write
      // must be undone, not kept.
      lease.begin();
    }
    Dialect dialect = lease.dialect();
    Statements.Sql sql = statements.sql(dialect);
    Object stored = null;
    try (PreparedStatement statement = lease.connection().prepareStatement(returning
        ? (cas ? sql.updateReturning() : sql.updateUncheckedReturning())
        : (cas ? sql.update() : sql.updateUnchecked()))) {
      if (cas) {
        bindUpdate(statement, dialect, entity, id, expected);
      } else {
        int index = mapping.bind(statement, dialect, entity, 1);
        if (next != null) {
          bindVersion(statement, dialect, index++, next);
        }
        index = bindId(statement, dialect, index, id);
        if (strategy == Strategy.TIMESTAMP) {
          bindVersion(statement, dialect, index, next);
        }
      }
      if (returning) {
        stored = returned(statement, dialect);
        if (stored == null && cas && dateTime
            && Versions.matchStoredText(lease, rows, entity, statement)) {
          stored = returned(statement, dialect);
        }
      } else if (statement.executeUpdate() != 0
          || (cas && againWithStoredText(lease, statement, entity))) {
        stored = storedVersion(lease, id);
      }
    }
    if (triggered && cas && Objects.equals(stored, expected)) {
      throw Triggers.missing(trigger);
    }
    lease.commit();
    return stored;
  }

  private Object returned(PreparedStatement statement, Dialect dialect) throws SQLException {
    try (ResultSet resultSet = statement.executeQuery()) {
      return resultSet.next() ? readVersion(resultSet, dialect, 1) : null;
    }
  }

  /**
   * Writes the entity under the compare-and-set check but keeps its version (a shadow save);
   * throws {@link RecordModifiedException} on a conflict.
   */
  public E updateWithoutIncrement(E entity) {
    Objects.requireNonNull(entity, param);
    Object expected = mapping.version(entity);
    Object id = mapping.id(entity);
    if (unsaved(expected)) {
      throw Versions.notSaved(type, id, expected);
    }
    for (int attempt = 1; ; attempt++) {
      boolean updated;
      try (ConnectionLease lease = database.lease();
          PreparedStatement statement =
              lease.prepare(ansi.updateWithoutIncrement(), mysql.updateWithoutIncrement())) {
        Dialect dialect = lease.dialect();
        int index = bindId(statement, dialect, mapping.bind(statement, dialect, entity, 1), id);
        bindVersion(statement, dialect, index, expected);
        updated = statement.executeUpdate() != 0 || againWithStoredText(lease, statement, entity);
      } catch (SQLException e) {
        throw database.failure(describe("updateWithoutIncrement", id), e);
      }
      if (updated) {
        return entity;
      }
      RecordModifiedException conflict = conflict(entity, attempt);
      if (conflict != null) {
        throw conflict;
      }
    }
  }

  /** {@link #delete} while optimistic locking is switched off: whatever the version. */
  private E deleteUnchecked(E entity) {
    Objects.requireNonNull(entity, param);
    Object expected = mapping.version(entity);
    Object id = mapping.id(entity);
    if (unsaved(expected)) {
      throw Versions.notSaved(type, id, expected);
    }
    boolean deleted;
    try (ConnectionLease lease = database.lease();
        PreparedStatement statement = lease.prepare(ansi.deleteUnchecked(), mysql.deleteUnchecked())) {
      bindId(statement, lease.dialect(), 1, id);
      deleted = statement.executeUpdate() != 0;
    } catch (SQLException e) {
      throw database.failure(describe("delete", id), e);
    }
    if (!deleted) {
      throw conflict(entity);
    }
    return entity;
  }

  /** Compare-and-set updates of many entities in one transaction; see {@link Batches}. */
  public BatchResult<E> updateAll(Collection<E> entities, ConflictPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    checkVersionColumn();
    if (!OptimisticLocking.isChecking(type)) {
      return Batches.unchecked(database, rows, plural, entities, policy, this::updateUnchecked);
    }
    return Batches.updateAll(database, rows, plural, entities, policy);
  }

  /** Compare-and-set deletes of many entities in one transaction; see {@link Batches}. */
  public BatchResult<E> deleteAll(Collection<E> entities, ConflictPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (!OptimisticLocking.isChecking(type)) {
      return Batches.unchecked(database, rows, plural, entities, policy, this::deleteUnchecked);
    }
    return Batches.deleteAll(database, rows, plural, entities, policy);
  }

  /** Runs {@code action} only if every selected row still has its entity's version; see {@link Batches}. */
  public <R> R ifUnchanged(Collection<E> selection, Supplier<R> action) {
    return Batches.ifUnchanged(database, rows, selection, action);
  }

  /** Load, change, update, retried on conflicts with {@code policy}. */
  public E modify(Object id, UnaryOperator<E> change, RetryPolicy policy) {
    requireKey(id);
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(policy, "policy");
    return policy.run(database,
        () -> findById(id).orElseThrow(() -> new NoSuchElementException(describe(id) + " does not exist")),
        loaded -> sameRow(loaded, change), this::update);
  }

  /**
   * {@code change} applied to {@code loaded}, refused when it moved the key or the version: the
   * compare-and-set would then be another row's (written if that row held the same version) or
   * fail as a conflict on every attempt. Key and version are read before {@code change} runs, since
   * a class entity may be changed in place.
   */
  private E sameRow(E loaded, UnaryOperator<E> change) {
    Object key = mapping.id(loaded);
    Object version = mapping.version(loaded);
    E changed = change.apply(loaded);
    if (changed == null) {
      return null; // RetryPolicy says "change returned null"
    }
    if (!Objects.equals(mapping.id(changed), key)) {
      throw new IllegalArgumentException("modify(" + describe(key) + "): change returned "
          + describe(mapping.id(changed)) + ", another key; modify writes the row it loaded, so"
          + " change must keep its key (use update or insert for another row); nothing was written");
    }
    if (!Versions.same(mapping.version(changed), version)) {
      throw new IllegalArgumentException("modify(" + describe(key) + "): change returned version "
          + mapping.version(changed) + " for the row loaded at version " + version + "; the version"
          + " is optilock's to move, so change must keep it; nothing was written");
    }
    return changed;
  }

  /**
   * The {@code CREATE TABLE IF NOT EXISTS} statement of {@code schema}'s table on {@code dialect}.
   *
   * @param notNull columns NOT NULL beyond the key, the version and primitives (see {@link
   *     Statements#createTable})
   */
  public static String createTableSql(EntitySchema schema, Dialect dialect, String... notNull) {
    Objects.requireNonNull(dialect, "dialect");
    return Statements.of(schema).createTable(dialect, notNull);
  }

  /**
   * Creates the table (and a TRIGGER version's trigger) if it is not there yet, with the statement
   * {@code createTableSql} gives for the database's dialect (the repository's own).
   */
  public void createTable(Function<Dialect, String> createTableSql) {
    try (ConnectionLease lease = database.lease();
        Statement statement = lease.connection().createStatement()) {
      statement.execute(createTableSql.apply(lease.dialect()));
    } catch (SQLException e) {
      throw database.failure("createTable of " + type.getSimpleName(), e);
    }
    if (trigger != null) {
      createTriggers();
    }
  }

  /** Installs the version trigger, if it is not there yet. */
  public void createTriggers() {
    Triggers.create(database.dataSource(), trigger);
  }

  /** Removes the version trigger, if it is there. */
  public void dropTriggers() {
    Triggers.drop(database.dataSource(), trigger);
  }

  /** Compares the table with the schema. */
  public SchemaReport verifySchema() {
    return Schema.verify(database.dataSource(), schema);
  }

  /** The repository's {@code SCHEMA}. */
  public EntitySchema schema() {
    return schema;
  }

  /** The key {@code entity} carries: the value, or a {@code CompositeKey}. */
  public Object idOf(E entity) {
    return mapping.id(Objects.requireNonNull(entity, param));
  }

  /** The version {@code entity} carries. */
  public Object versionOf(E entity) {
    return mapping.version(Objects.requireNonNull(entity, param));
  }

  // ---- queries of @Queries interfaces (see QueryRunner) ----

  /** The rows of a query method returning {@code List}, in the query's order. */
  public List<E> list(Query query, Binder binder) {
    return queries.list(query, binder, null, null, NO_SIZES);
  }

  /**
   * The rows of a query method returning {@code List}, ordered also by {@code sort} and bounded by
   * {@code limit} (each may be null); {@code sizes} are the lengths of its in-lists.
   */
  public List<E> list(Query query, Binder binder, Sort sort, Limit limit, int... sizes) {
    return queries.list(query, binder, sort, limit, sizes);
  }

  /** The one row of a query method returning {@code Optional}; more than one is an exception. */
  public Optional<E> optional(Query query, Binder binder, int... sizes) {
    return queries.optional(query, binder, sizes);
  }

  /** The one row of a query method returning the entity; none or more than one is an exception. */
  public E one(Query query, Binder binder, int... sizes) {
    return queries.one(query, binder, sizes);
  }

  /** The number of rows a {@code count…By} method matches. */
  public long count(Query query, Binder binder, int... sizes) {
    return queries.count(query, binder, sizes);
  }

  /** {@link #count} for a method returning {@code int}: beyond its range is an exception. */
  public int countInt(Query query, Binder binder, int... sizes) {
    return queries.countInt(query, binder, sizes);
  }

  /** Whether an {@code exists…By} method matches a row. */
  public boolean exists(Query query, Binder binder, int... sizes) {
    return queries.exists(query, binder, sizes);
  }

  /** A stream of the rows that holds its connection until closed. */
  public Stream<E> stream(Query query, Binder binder, Sort sort, Limit limit, int... sizes) {
    return queries.stream(query, binder, sort, limit, sizes);
  }

  /** A page of the rows, with the total. */
  public Page<E> page(Query query, Binder binder, PageRequest request, Sort sort, int... sizes) {
    return queries.page(query, binder, request, sort, sizes);
  }

  /** The entity of the current row of the caller's own result set, by column label. */
  public E fromRow(ResultSet resultSet) {
    return queries.fromRow(everyColumn, resultSet);
  }

  private static final int[] NO_SIZES = {};

  // ---- the failure path ----

  /**
   * The failure path's one extra query: what the row holds now. A row that still holds the
   * expected version is no conflict (its column keeps the version in another form): that is a
   * {@code DataAccessException}.
   */
  private RecordModifiedException conflict(E entity) {
    return conflict(entity, SAME_VERSION_ATTEMPTS);
  }

  /**
   * How many times {@code update}, {@code delete} and {@code updateWithoutIncrement} run their
   * compare-and-set while the row, read right after a refused one, holds the entity's version.
   */
  static final int SAME_VERSION_ATTEMPTS = 3;

  /**
   * {@link #conflict(Object)} after the {@code attempt}-th refused compare-and-set, or null when
   * the statement should run again: the row holds the entity's version now, so the statement ran on
   * a snapshot taken before the write that made that version became visible to it. That happens
   * when the entity was read on a PostgreSQL hot standby, which can show a commit before the
   * primary's other sessions see it, or from a transaction that committed while the statement
   * started. Running the same compare-and-set again is safe: it still only writes if the row
   * holds the entity's version. Only when it keeps failing against a row that reads back with
   * that version is the version's form at fault ({@link Versions#representationMismatch}).
   */
  private RecordModifiedException conflict(E entity, int attempt) {
    Object id = mapping.id(entity);
    Object expected = mapping.version(entity);
    if (Versions.keyMissing(id)) {
      throw Versions.noKey(type, id, expected);
    }
    E current = current(id).orElse(null);
    if (current != null && Versions.same(mapping.version(current), expected)) {
      if (attempt < SAME_VERSION_ATTEMPTS) {
        return null;
      }
      throw Versions.representationMismatch(type, id, expected,
          statements.tableName() + "." + statements.version().name());
    }
    return new RecordModifiedException(type, id, expected,
        current == null ? null : mapping.version(current), entity, current);
  }

  /**
   * The row as it is now, for a conflict: on MariaDB a locking read, which sees the latest
   * committed row even inside a REPEATABLE READ transaction, not the transaction's snapshot; read
   * again without the lock if that fails transiently outside a transaction ({@link
   * Database#conflictRead}). Always on the primary.
   */
  private Optional<E> current(Object id) {
    return database.conflictRead(describe("findById", id), locking -> {
      try (ConnectionLease lease = database.lease();
          PreparedStatement statement = lease.prepare(ansi.selectById(),
              locking ? mysql.selectById() + " LOCK IN SHARE MODE" : mysql.selectById())) {
        bindId(statement, lease.dialect(), 1, id);
        return readOne(statement, lease.dialect());
      }
    });
  }

  /** The version the row holds now, read on the lease's connection; null when it is gone. */
  private Object storedVersion(ConnectionLease lease, Object id) throws SQLException {
    Statements.Sql sql = statements.sql(lease.dialect());
    try (PreparedStatement statement = lease.connection().prepareStatement(sql.selectVersion())) {
      bindId(statement, lease.dialect(), 1, id);
      try (ResultSet resultSet = statement.executeQuery()) {
        return resultSet.next() ? readVersion(resultSet, lease.dialect(), 1) : null;
      }
    }
  }

  /**
   * After a compare-and-set that changed nothing, for a date-time version on SQLite: if the row
   * holds the version as other text, runs {@code statement} once more against that exact text;
   * see {@link Versions#matchStoredText}.
   */
  private boolean againWithStoredText(ConnectionLease lease, PreparedStatement statement, E entity)
      throws SQLException {
    return dateTime && againWithStoredTextOnSqlite(lease, statement, entity);
  }

  private boolean againWithStoredTextOnSqlite(ConnectionLease lease, PreparedStatement statement,
      E entity) throws SQLException {
    return Versions.matchStoredText(lease, rows, entity, statement) && statement.executeUpdate() != 0;
  }

  // ---- helpers ----

  private Optional<E> readOne(PreparedStatement statement, Dialect dialect) throws SQLException {
    try (ResultSet resultSet = statement.executeQuery()) {
      return resultSet.next() ? Optional.of(mapping.read(resultSet, dialect)) : Optional.empty();
    }
  }

  private void checkVersionColumn() {
    if (strategy == Strategy.TIMESTAMP) {
      database.checkVersionColumn(schema);
    }
  }

  private void requireKey(Object id) {
    if (id instanceof CompositeKey key) {
      for (int i = 0; i < key.size(); i++) {
        Objects.requireNonNull(key.get(i), key.names().get(i));
      }
    } else {
      Objects.requireNonNull(id, "id");
    }
  }

  /** {@code "update of Article[id=4]"}. */
  private String describe(String operation, Object id) {
    return operation + " of " + describe(id);
  }

  private String describe(Object id) {
    return type.getSimpleName() + "[" + (id instanceof CompositeKey ? id : KeyNames.of(type) + "=" + id) + "]";
  }

  /** Whether a version is the unsaved default: null, or 0 for a counter. */
  static boolean unsaved(Object version) {
    return version == null
        || (version instanceof Long l && l == 0)
        || (version instanceof Integer i && i == 0);
  }

  private Object initialVersion() {
    return switch (strategy) {
      case INCREMENT, TRIGGER -> isInt(versionType) ? (Object) 1 : (Object) 1L;
      case RANDOM -> Versions.random();
      case TIMESTAMP -> switch (versionType) {
        case "Instant" -> Versions.firstInstant();
        case "LocalDateTime" -> Versions.firstLocalDateTime();
        case "OffsetDateTime" -> Versions.firstOffsetDateTime();
        default -> Versions.firstMicros();
      };
    };
  }

  /** The version after {@code previous}, for the strategies the application computes. */
  private Object next(Object previous) {
    return switch (strategy) {
      case RANDOM -> Versions.random();
      case TIMESTAMP -> switch (versionType) {
        case "Instant" -> Versions.nextTimestamp((Instant) previous);
        case "LocalDateTime" -> Versions.nextTimestamp((LocalDateTime) previous);
        case "OffsetDateTime" -> Versions.nextTimestamp((OffsetDateTime) previous);
        default -> Versions.nextMicros((Long) previous);
      };
      case INCREMENT, TRIGGER -> previous instanceof Integer i
          ? (Object) Versions.next(i)
          : (Object) Versions.next((Long) previous);
    };
  }

  private static boolean isInt(String javaType) {
    return javaType.equals("int") || javaType.equals("Integer");
  }

  /** Binds a key from parameter {@code index} on; returns the next parameter's index. */
  private int bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
      throws SQLException {
    if (mapping.customKey()) {
      mapping.bindId(statement, dialect, index, id);
      return index + keyColumns;
    }
    bindValue(statement, dialect, index, keyType, id);
    return index + 1;
  }

  private Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
    return mapping.customKey() ? mapping.readId(resultSet, dialect, index)
        : readValue(resultSet, dialect, index, keyType);
  }

  private void bindVersion(PreparedStatement statement, Dialect dialect, int index, Object version)
      throws SQLException {
    bindValue(statement, dialect, index, versionType, version);
  }

  private Object readVersion(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
    return readValue(resultSet, dialect, index, versionType);
  }

  /** Binds a key or version value by the Java type its schema line names. */
  static void bindValue(PreparedStatement statement, Dialect dialect, int index, String javaType,
      Object value) throws SQLException {
    switch (javaType) {
      case "long", "Long" -> Columns.setLong(statement, index, (Long) value);
      case "int", "Integer" -> Columns.setInt(statement, index, (Integer) value);
      case "short", "Short" -> Columns.setShort(statement, index, (Short) value);
      case "byte", "Byte" -> Columns.setByte(statement, index, (Byte) value);
      case "boolean", "Boolean" -> Columns.setBoolean(statement, index, (Boolean) value);
      case "float", "Float" -> Columns.setFloat(statement, index, (Float) value);
      case "double", "Double" -> Columns.setDouble(statement, index, (Double) value);
      case "char", "Character" -> Columns.setChar(statement, index, (Character) value);
      case "String" -> statement.setString(index, (String) value);
      case "byte[]" -> statement.setBytes(index, (byte[]) value);
      case "BigDecimal" -> dialect.setBigDecimal(statement, index, (BigDecimal) value);
      case "UUID" -> dialect.setUuid(statement, index, (UUID) value);
      case "LocalDate" -> dialect.setLocalDate(statement, index, (LocalDate) value);
      case "LocalDateTime" -> dialect.setLocalDateTime(statement, index, (LocalDateTime) value);
      case "Instant" -> dialect.setInstant(statement, index, (Instant) value);
      case "OffsetDateTime" -> dialect.setOffsetDateTime(statement, index, (OffsetDateTime) value);
      default -> throw new IllegalStateException("no binding for Java type " + javaType);
    }
  }

  /** Reads a key or version value by the Java type its schema line names; SQL NULL reads as null. */
  static Object readValue(ResultSet resultSet, Dialect dialect, int index, String javaType)
      throws SQLException {
    return switch (javaType) {
      case "long", "Long" -> Columns.getLong(resultSet, index);
      case "int", "Integer" -> Columns.getInt(resultSet, index);
      case "short", "Short" -> Columns.getShort(resultSet, index);
      case "byte", "Byte" -> Columns.getByte(resultSet, index);
      case "boolean", "Boolean" -> Columns.getBoolean(resultSet, index);
      case "float", "Float" -> Columns.getFloat(resultSet, index);
      case "double", "Double" -> Columns.getDouble(resultSet, index);
      case "char", "Character" -> Columns.getChar(resultSet, index);
      case "String" -> resultSet.getString(index);
      case "byte[]" -> resultSet.getBytes(index);
      case "BigDecimal" -> dialect.getBigDecimal(resultSet, index);
      case "UUID" -> dialect.getUuid(resultSet, index);
      case "LocalDate" -> dialect.getLocalDate(resultSet, index);
      case "LocalDateTime" -> dialect.getLocalDateTime(resultSet, index);
      case "Instant" -> dialect.getInstant(resultSet, index);
      case "OffsetDateTime" -> dialect.getOffsetDateTime(resultSet, index);
      default -> throw new IllegalStateException("no reading for Java type " + javaType);
    };
  }

  /** How {@link Batches} reads and binds this entity's rows: the mapping, with the engine's SQL. */
  private final class Rows implements BatchRows<E> {
    /**
     * PostgreSQL's batch statements, built once per kind, lock mode and element types (which are the
     * same for every batch of an entity, but for the rare parameter that is null in every row).
     */
    private final Map<List<Object>, String> arrayStatements = new ConcurrentHashMap<>();
    private volatile boolean lockFirst;
    private volatile boolean arraysFit = true;

    @Override
    public RuntimeException missingTrigger() {
      return strategy == Strategy.TRIGGER ? Triggers.missing(trigger) : null;
    }

    @Override
    public boolean locksFirst() {
      return lockFirst;
    }

    @Override
    public void lockFirstFromNowOn() {
      lockFirst = true;
    }

    @Override
    public boolean arraysFit() {
      return arraysFit;
    }

    @Override
    public void arraysDoNotFitFromNowOn() {
      arraysFit = false;
    }

    @Override
    public Class<?> entityType() {
      return type;
    }

    @Override
    public Object id(E entity) {
      return mapping.id(entity);
    }

    @Override
    public Object version(E entity) {
      return mapping.version(entity);
    }

    @Override
    public boolean unsaved(E entity) {
      return mapping.unsaved(entity);
    }

    @Override
    public String updateSql(Dialect dialect) {
      return statements.sql(dialect).update();
    }

    @Override
    public String deleteSql(Dialect dialect) {
      return statements.sql(dialect).delete();
    }

    @Override
    public int keyColumns() {
      return keyColumns;
    }

    @Override
    public boolean integralKey() {
      if (mapping.customKey()) {
        return mapping.integralKey();
      }
      return switch (keyType) {
        case "long", "Long", "int", "Integer", "short", "Short", "byte", "Byte" -> true;
        default -> false;
      };
    }

    @Override
    public String selectVersionsPrefix(Dialect dialect) {
      return statements.sql(dialect).selectVersionsPrefix();
    }

    @Override
    public String selectVersionsWhere(Dialect dialect) {
      return statements.sql(dialect).selectVersionsWhere();
    }

    @Override
    public String keyCondition(Dialect dialect) {
      return statements.sql(dialect).keyCondition();
    }

    @Override
    public String matchSql(Dialect dialect) {
      return statements.sql(dialect).match();
    }

    @Override
    public String updateFromArrays(List<String> elementTypes, boolean lockFirst) {
      return arrayStatements.computeIfAbsent(List.of("UPDATE", lockFirst, elementTypes),
          key -> statements.updateFromArrays(elementTypes, lockFirst));
    }

    @Override
    public String deleteFromArrays(List<String> elementTypes, boolean lockFirst) {
      return arrayStatements.computeIfAbsent(List.of("DELETE", lockFirst, elementTypes),
          key -> statements.deleteFromArrays(elementTypes, lockFirst));
    }

    @Override
    public String lockSql(Dialect dialect) {
      return ansi.lock();
    }

    @Override
    public Object bindUpdate(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      if (!readsBack) {
        return Engine.this.bindUpdate(statement, dialect, entity);
      }
      Engine.this.bindUpdate(statement, dialect, entity, mapping.id(entity), mapping.version(entity));
      return null;
    }

    @Override
    public void bindDelete(PreparedStatement statement, Dialect dialect, E entity)
        throws SQLException {
      Engine.this.bindVersion(statement, dialect,
          Engine.this.bindId(statement, dialect, 1, mapping.id(entity)), mapping.version(entity));
    }

    @Override
    public void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
        throws SQLException {
      Engine.this.bindId(statement, dialect, index, id);
    }

    @Override
    public void bindVersion(PreparedStatement statement, Dialect dialect, int index, Object version)
        throws SQLException {
      Engine.this.bindVersion(statement, dialect, index, version);
    }

    @Override
    public Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
      return Engine.this.readId(resultSet, dialect, index);
    }

    @Override
    public Object readVersion(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
      return Engine.this.readVersion(resultSet, dialect, index);
    }

    @Override
    public E withVersion(E entity, Object version) {
      return mapping.withVersion(entity, version);
    }
  }
}
