package dev.optilock.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The batch operations of generated repositories: {@code updateAll}, {@code deleteAll} and {@code
 * ifUnchanged}. Every conflicting row is identified exactly, never guessed from a sum of update
 * counts.
 *
 * <ul>
 *   <li>PostgreSQL and SQLite report an exact count per statement of a JDBC batch (pgJDBC sends the
 *       whole batch in one go): the batch of compare-and-set statements runs first, and a row whose
 *       count is 0 is a conflict. Only then, on the failure path, one SELECT reads the conflicting
 *       rows' versions.
 *   <li>MariaDB's Connector/J may answer a batch with {@link Statement#SUCCESS_NO_INFO}: there the
 *       rows are first read and locked ({@code SELECT ... FOR UPDATE}), conflicts are decided from
 *       what was read, and only matching rows are written.
 *   <li>Everything runs in one transaction (or, inside a caller's {@link Transactions}, behind a
 *       savepoint): with {@link ConflictPolicy#ABORT_ALL} a conflict rolls back whatever the batch
 *       wrote; with {@link ConflictPolicy#SKIP_CONFLICTS} the matching rows commit together.
 *   <li>Entities passed in are never changed unless their row was written and committed.
 * </ul>
 */
public final class Batches {
  /** Ids per {@code IN (...)} list: well below every driver's parameter limit. */
  private static final int IN_CHUNK = 500;

  private Batches() {}

  /** {@code updateAll}: compare-and-set every entity's row. */
  public static <T> BatchResult<T> updateAll(
      Database database, BatchRows<T> rows, String parameter, Collection<T> entities,
      ConflictPolicy policy) {
    return write(database, rows, parameter, entities, policy, true);
  }

  /** {@code deleteAll}: compare-and-set delete every entity's row. */
  public static <T> BatchResult<T> deleteAll(
      Database database, BatchRows<T> rows, String parameter, Collection<T> entities,
      ConflictPolicy policy) {
    return write(database, rows, parameter, entities, policy, false);
  }

  /**
   * {@code updateAll}/{@code deleteAll} while {@link OptimisticLocking} is off for the type: every
   * entity is written with {@code single} (the unchecked write) in one transaction. A row that is
   * gone is the only possible conflict; the policy decides as for checked batches, and with {@link
   * ConflictPolicy#ABORT_ALL} the batch's writes are undone (behind a savepoint inside a caller's
   * transaction) and every entity passed in keeps its version.
   */
  public static <T> BatchResult<T> unchecked(
      Database database,
      BatchRows<T> rows,
      String parameter,
      Collection<T> entities,
      ConflictPolicy policy,
      UnaryOperator<T> single) {
    Objects.requireNonNull(policy, "policy");
    List<T> list = validate(parameter, entities, rows);
    if (list.isEmpty()) {
      return new BatchResult<>(List.of(), List.of());
    }
    List<Object> before = list.stream().map(rows::version).toList();
    boolean done = false;
    try {
      BatchResult<T> result = Transactions.call(database.dataSource(), () -> {
        Savepoint savepoint = savepoint(database);
        List<T> written = new ArrayList<>();
        List<Conflict<T>> conflicts = new ArrayList<>();
        for (T entity : list) {
          try {
            written.add(single.apply(entity));
          } catch (RecordModifiedException gone) {
            conflicts.add(new Conflict<>(rows.id(entity), rows.version(entity), Optional.empty(), entity));
          }
        }
        if (!conflicts.isEmpty() && policy == ConflictPolicy.ABORT_ALL) {
          rollback(database, savepoint);
          return null;
        }
        return new BatchResult<>(written, conflicts);
      });
      if (result == null) {
        // (the finally block below gives class entities their versions back)
        throw new BatchConflictException(rows.entityType(),
            conflictsOf(database, rows, list, before), list.size());
      }
      done = true;
      return result;
    } finally {
      if (!done) { // undo the in-memory versions the unchecked writes gave class entities
        for (int i = 0; i < list.size(); i++) {
          if (!Objects.equals(rows.version(list.get(i)), before.get(i))) {
            rows.withVersion(list.get(i), before.get(i));
          }
        }
      }
    }
  }

  /** After an aborted unchecked batch: the rows that are gone. */
  private static <T> List<Conflict<T>> conflictsOf(
      Database database, BatchRows<T> rows, List<T> list, List<Object> before) {
    try (ConnectionLease lease = database.lease()) {
      Map<Object, Object> stored = versions(lease, rows, list, false);
      List<Conflict<T>> conflicts = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object id = rows.id(list.get(i));
        if (!stored.containsKey(id)) {
          conflicts.add(new Conflict<>(id, before.get(i), Optional.empty(), list.get(i)));
        }
      }
      return conflicts;
    } catch (SQLException e) {
      throw database.failure("reading the conflicts of a batch of " + name(rows), e);
    }
  }

  /**
   * The unchecked write's result, or {@code null} when its row is gone: how {@code tryUpdate}
   * reports that while the check is switched off.
   */
  public static <T> T orNullWhenGone(Supplier<T> uncheckedWrite) {
    try {
      return uncheckedWrite.get();
    } catch (RecordModifiedException gone) {
      return null;
    }
  }

  private static Savepoint savepoint(Database database) {
    try {
      return Transactions.current(database.dataSource()).setSavepoint();
    } catch (SQLException e) {
      throw database.failure("setting a savepoint", e);
    }
  }

  private static void rollback(Database database, Savepoint savepoint) {
    try {
      Transactions.current(database.dataSource()).rollback(savepoint);
    } catch (SQLException e) {
      throw database.failure("rolling back to a savepoint", e);
    }
  }

  /**
   * {@code ifUnchanged}: locks the selected rows, checks that each still has the version the caller
   * saw, and only then runs {@code action} in the same transaction.
   *
   * @throws BatchConflictException listing every changed or deleted row; the action did not run
   */
  public static <T, R> R ifUnchanged(
      Database database, BatchRows<T> rows, Collection<T> selection, Supplier<R> action) {
    Objects.requireNonNull(action, "action");
    List<T> list = validate("selection", selection, rows);
    Object outcome =
        Transactions.call(
            database.dataSource(),
            () -> {
              try (ConnectionLease lease = database.lease()) {
                List<Conflict<T>> conflicts = lockAndCompare(lease, rows, list, new ArrayList<>());
                if (!conflicts.isEmpty()) {
                  return new Conflicts<>(conflicts);
                }
              } catch (SQLException e) {
                throw database.failure("ifUnchanged of " + list.size() + " " + name(rows), e);
              }
              return new Ran<>(action.get());
            });
    if (outcome instanceof Conflicts<?> conflicts) {
      throw new BatchConflictException(rows.entityType(), conflicts.list(), list.size());
    }
    @SuppressWarnings("unchecked")
    R result = ((Ran<R>) outcome).value();
    return result;
  }

  private record Conflicts<T>(List<Conflict<T>> list) {}

  private record Ran<R>(R value) {}

  private static <T> BatchResult<T> write(
      Database database,
      BatchRows<T> rows,
      String parameter,
      Collection<T> entities,
      ConflictPolicy policy,
      boolean update) {
    Objects.requireNonNull(policy, "policy");
    List<T> list = validate(parameter, entities, rows);
    if (list.isEmpty()) {
      return new BatchResult<>(List.of(), List.of());
    }
    String operation = (update ? "updateAll" : "deleteAll") + " of " + list.size() + " " + name(rows);
    List<Conflict<T>> conflicts = new ArrayList<>();
    List<T> written = new ArrayList<>();
    List<Object> newVersions = new ArrayList<>();
    try (ConnectionLease lease = database.lease()) {
      lease.begin();
      Savepoint savepoint = lease.savepointIfJoined();
      List<T> toWrite = list;
      if (lease.dialect() == Dialect.MARIADB) {
        lockAndCompare(lease, rows, list, conflicts);
        if (!conflicts.isEmpty() && policy == ConflictPolicy.ABORT_ALL) {
          throw new BatchConflictException(rows.entityType(), conflicts, list.size());
        }
        Set<Object> conflicting = ids(rows, conflicts);
        toWrite = list.stream().filter(e -> !conflicting.contains(rows.id(e))).toList();
      }
      List<Object> versions = new ArrayList<>(toWrite.size());
      int[] counts = execute(lease, rows, toWrite, update, versions);
      List<T> failed = new ArrayList<>();
      for (int i = 0; i < toWrite.size(); i++) {
        int count = lease.dialect() == Dialect.MARIADB ? 1 : counts[i];
        if (count == Statement.SUCCESS_NO_INFO || count == Statement.EXECUTE_FAILED) {
          lease.rollbackTo(savepoint);
          throw new DataAccessException(operation + ": the driver did not report which rows it"
              + " changed (" + (count == Statement.SUCCESS_NO_INFO ? "SUCCESS_NO_INFO" : "EXECUTE_FAILED")
              + "), so conflicts cannot be told apart; nothing was written");
        }
        if (count == 0 && lease.dialect() == Dialect.SQLITE
            && againWithStoredText(lease, rows, toWrite.get(i), update, versions, i)) {
          count = 1;
        }
        if (count == 0) {
          failed.add(toWrite.get(i));
        } else {
          written.add(toWrite.get(i));
          newVersions.add(versions.get(i));
        }
      }
      if (!failed.isEmpty()) {
        List<Conflict<T>> described = describe(lease, rows, failed);
        for (Conflict<T> conflict : described) {
          if (conflict.actualVersion().isPresent()
              && Versions.same(conflict.actualVersion().get(), conflict.expectedVersion())) {
            lease.rollbackTo(savepoint);
            throw Versions.representationMismatch(
                rows.entityType(), conflict.id(), conflict.expectedVersion(), null);
          }
        }
        conflicts.addAll(described);
        if (policy == ConflictPolicy.ABORT_ALL) {
          lease.rollbackTo(savepoint);
          throw new BatchConflictException(rows.entityType(), order(list, rows, conflicts), list.size());
        }
      }
      if (update && newVersions.contains(null)) {
        Map<Object, Object> stored = versions(lease, rows, written, false);
        for (int i = 0; i < written.size(); i++) {
          if (newVersions.get(i) == null) {
            newVersions.set(i, stored.get(rows.id(written.get(i))));
          }
        }
      }
      lease.commit();
    } catch (SQLException e) {
      throw database.failure(operation, e);
    }
    List<T> result = new ArrayList<>(written.size());
    for (int i = 0; i < written.size(); i++) {
      result.add(update ? rows.withVersion(written.get(i), newVersions.get(i)) : written.get(i));
    }
    return new BatchResult<>(result, order(list, rows, conflicts));
  }

  private static <T> int[] execute(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean update,
      List<Object> versions) throws SQLException {
    if (entities.isEmpty()) {
      return new int[0];
    }
    Dialect dialect = lease.dialect();
    String sql = update ? rows.updateSql(dialect) : rows.deleteSql(dialect);
    try (PreparedStatement statement = lease.connection().prepareStatement(sql)) {
      for (T entity : entities) {
        if (update) {
          versions.add(rows.bindUpdate(statement, dialect, entity));
        } else {
          rows.bindDelete(statement, dialect, entity);
          versions.add(null);
        }
        statement.addBatch();
      }
      return statement.executeBatch();
    }
  }

  /**
   * SQLite, after the compare-and-set of {@code entity} changed nothing: when its row holds the
   * expected version as other text (see {@link Versions#matchStoredText}), runs the statement once
   * more against that text, and on success puts the version it wrote at {@code versions[index]}.
   */
  private static <T> boolean againWithStoredText(
      ConnectionLease lease, BatchRows<T> rows, T entity, boolean update, List<Object> versions,
      int index) throws SQLException {
    Dialect dialect = lease.dialect();
    try (PreparedStatement statement =
        lease.connection().prepareStatement(update ? rows.updateSql(dialect) : rows.deleteSql(dialect))) {
      Object version = null;
      if (update) {
        version = rows.bindUpdate(statement, dialect, entity);
      } else {
        rows.bindDelete(statement, dialect, entity);
      }
      if (!Versions.matchStoredText(lease, rows, entity, statement) || statement.executeUpdate() == 0) {
        return false;
      }
      versions.set(index, version);
      return true;
    }
  }

  /** Reads (and locks) the rows, and lists those whose version is not the expected one. */
  private static <T> List<Conflict<T>> lockAndCompare(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, List<Conflict<T>> into)
      throws SQLException {
    if (lease.dialect() == Dialect.SQLITE) {
      try (Statement statement = lease.connection().createStatement()) {
        statement.executeUpdate(rows.lockSql(Dialect.SQLITE));
      }
    }
    Map<Object, Object> stored = versions(lease, rows, entities, true);
    for (T entity : entities) {
      Object id = rows.id(entity);
      if (!stored.containsKey(id)) {
        into.add(new Conflict<>(id, rows.version(entity), Optional.empty(), entity));
      } else if (!Versions.same(stored.get(id), rows.version(entity))) {
        into.add(new Conflict<>(id, rows.version(entity), Optional.of(stored.get(id)), entity));
      }
    }
    return into;
  }

  /** The conflicts of rows whose compare-and-set changed nothing: what they hold now. */
  private static <T> List<Conflict<T>> describe(ConnectionLease lease, BatchRows<T> rows, List<T> failed)
      throws SQLException {
    Map<Object, Object> stored = versions(lease, rows, failed, false);
    List<Conflict<T>> conflicts = new ArrayList<>(failed.size());
    for (T entity : failed) {
      Object id = rows.id(entity);
      conflicts.add(new Conflict<>(id, rows.version(entity), Optional.ofNullable(stored.get(id)), entity));
    }
    return conflicts;
  }

  /** id → stored version of these entities' rows (absent when the row is gone). */
  private static <T> Map<Object, Object> versions(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean lock) throws SQLException {
    return versionColumn(lease, rows, entities, lock,
        (resultSet, index) -> rows.readVersion(resultSet, lease.dialect(), index));
  }

  /** id → the version column's text exactly as stored, of these entities' rows. */
  static <T> Map<Object, String> storedTexts(ConnectionLease lease, BatchRows<T> rows, List<T> entities)
      throws SQLException {
    return versionColumn(lease, rows, entities, false, ResultSet::getString);
  }

  /** Reads one column of a result set. */
  private interface ColumnReader<V> {
    V read(ResultSet resultSet, int index) throws SQLException;
  }

  /** id → the version column of these entities' rows, read with {@code reader}. */
  private static <T, V> Map<Object, V> versionColumn(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean lock, ColumnReader<V> reader)
      throws SQLException {
    Dialect dialect = lease.dialect();
    Map<Object, V> stored = new HashMap<>();
    for (int from = 0; from < entities.size(); from += IN_CHUNK) {
      List<T> chunk = entities.subList(from, Math.min(entities.size(), from + IN_CHUNK));
      StringBuilder sql = new StringBuilder(rows.selectVersionsPrefix(dialect));
      int keyColumns = rows.keyColumns();
      String tuple = keyColumns == 1 ? "?" : "(?" + ", ?".repeat(keyColumns - 1) + ")";
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(tuple);
      }
      sql.append(')');
      if (lock && dialect != Dialect.SQLITE) {
        sql.append(" FOR UPDATE");
      }
      try (PreparedStatement statement = lease.connection().prepareStatement(sql.toString())) {
        for (int i = 0; i < chunk.size(); i++) {
          rows.bindId(statement, dialect, i * keyColumns + 1, rows.id(chunk.get(i)));
        }
        try (ResultSet resultSet = statement.executeQuery()) {
          while (resultSet.next()) {
            stored.put(rows.readId(resultSet, dialect, 1), reader.read(resultSet, keyColumns + 1));
          }
        }
      }
    }
    return stored;
  }

  /**
   * The entities as a list, checked: no nulls, all saved, no id twice. {@code parameter} is the
   * generated method's parameter name, for the messages.
   */
  private static <T> List<T> validate(String parameter, Collection<T> entities, BatchRows<T> rows) {
    Objects.requireNonNull(entities, parameter);
    List<T> list = new ArrayList<>(entities);
    Set<Object> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      T entity = list.get(i);
      if (entity == null) {
        throw new NullPointerException(parameter + "[" + i + "] is null");
      }
      if (rows == null) {
        continue;
      }
      Object id = rows.id(entity);
      if (rows.unsaved(entity)) {
        throw new IllegalArgumentException(parameter + "[" + i + "] " + CompositeKey.describe(name(rows), id)
            + " has version " + rows.version(entity)
            + ", which means it was never saved: insert or save it first; nothing was written");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException(parameter + "[" + i + "]: " + CompositeKey.describe(name(rows), id)
            + " appears more than once; nothing was written");
      }
    }
    return list;
  }

  private static <T> Set<Object> ids(BatchRows<T> rows, List<Conflict<T>> conflicts) {
    Set<Object> ids = new HashSet<>();
    conflicts.forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** The conflicts in the order of the entities passed in. */
  private static <T> List<Conflict<T>> order(List<T> list, BatchRows<T> rows, List<Conflict<T>> conflicts) {
    Map<Object, Conflict<T>> byId = new HashMap<>();
    conflicts.forEach(c -> byId.put(c.id(), c));
    List<Conflict<T>> ordered = new ArrayList<>(conflicts.size());
    for (T entity : list) {
      Conflict<T> conflict = byId.get(rows.id(entity));
      if (conflict != null) {
        ordered.add(conflict);
      }
    }
    return ordered;
  }

  private static String name(BatchRows<?> rows) {
    return rows.entityType().getSimpleName();
  }
}
