package dev.optilock.runtime.internal;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The batch operations of generated repositories: {@code updateAll}, {@code deleteAll} and {@code
 * ifUnchanged}. What happened to each row is what the database says happened to it: which stored
 * row an entity's key denotes, whether its version still matches, and whether its statement wrote
 * anything are never decided by Java's {@code equals} on keys or versions, because the database may
 * compare them otherwise (a case-insensitive collation matches {@code "ABC"} to the row {@code
 * "abc"}; a {@code numeric} column matches {@code 1.0} to {@code 1.00}; a binary collation tells an
 * upper-case UUID text from a lower-case one).
 *
 * <ul>
 *   <li><b>Writes on PostgreSQL.</b> One statement per {@value #CHUNK} rows: every row is bound
 *       by the same binder as {@code update} or {@code delete}, into {@link ArrayRows}, and each
 *       parameter is sent as one array ({@link BatchRows#updateFromArrays}); the database joins each
 *       row to the stored row of its key, compares the version, writes, and returns the position of
 *       every row it wrote (with the version a TRIGGER or conditional version gave it). Rows that
 *       bind what an array cannot carry exactly go as a JDBC batch instead, and so do the batches
 *       of a repository once a column refused an array's element type ({@link
 *       BatchRows#arraysFit()}; the batch that met the refusal is undone and run again so).
 *   <li><b>Writes elsewhere.</b> Every row is written by the same compare-and-set statement as
 *       {@code update} or {@code delete}, in JDBC batches of {@value #CHUNK}, and each statement's
 *       own update count says whether it wrote its row (1) or conflicted (0). SQLite and MariaDB
 *       (Connector/J's default) report exact counts. A driver that answers {@link
 *       Statement#SUCCESS_NO_INFO} (MariaDB Connector/J with {@code useBulkStmts=true}) has the
 *       batch undone and run again statement by statement, each with its own count; the data
 *       source is remembered as such, so later batches go statement by statement at once.
 *   <li><b>Chunks</b> run one after another in the batch's one transaction: memory and statement
 *       size stay bounded for any number of rows, and the batch still commits or rolls back whole.
 *   <li><b>Lock order.</b> Rows are locked in one order that every batch agrees on, so that two
 *       batches over the same rows, passed in different orders, serialise instead of deadlocking:
 *       the first to lock a row writes it, the other finds it changed (a conflict). When the key is
 *       made of whole numbers ({@link BatchRows#integralKey()}), Java's order is the database's and
 *       the statements simply run sorted by key: each compare-and-set statement locks its row, so
 *       the rows are locked in key order without a statement before the writes. PostgreSQL's one statement
 *       gets the rows sorted by key and visits them in that order when it joins them by the primary
 *       key, its plan for all but very small tables; a batch that deadlocks all the same (another
 *       plan) is undone and run again with its rows locked in key order first, as are that
 *       repository's later batches ({@link BatchRows#locksFirst()}). Any other key is first
 *       locked by the database in its own key order, {@code SELECT key, version ... WHERE key IN
 *       (...) ORDER BY key FOR UPDATE} (on SQLite, which has one writer at a time, its write lock is
 *       taken instead).
 *   <li><b>Duplicates.</b> Keys that are equal in Java are refused before any SQL. For other keys,
 *       the lock statement counts the distinct rows it found: as many as entities proves that each
 *       entity has a row of its own. Otherwise one more statement ({@link BatchRows#matchSql},
 *       one {@code SELECT} per entity joined by {@code UNION ALL}) has the database find each
 *       entity's row by position; two entities on one row are refused with an {@link
 *       IllegalArgumentException}, and nothing is written.
 *   <li><b>Conflicts</b> report the row the database matched: its version as read under the lock
 *       where the lock statement read it, else (on the failure path only) as read by one more
 *       {@code SELECT} of the conflicting rows, which on MariaDB is a locking read, so that it
 *       sees the latest committed row rather than a REPEATABLE READ transaction's older snapshot.
 *   <li>Everything runs in one transaction (or, inside a caller's {@link Transactions}, behind a
 *       savepoint): with {@link ConflictPolicy#ABORT_ALL} a conflict rolls back whatever the batch
 *       wrote; with {@link ConflictPolicy#SKIP_CONFLICTS} the matching rows commit together.
 *   <li>Entities passed in are never changed unless their row was written and committed.
 * </ul>
 */
public final class Batches {
  /** Keys per {@code IN (...)} list of a read: well below every driver's parameter limit. */
  private static final int IN_CHUNK = 500;
  /**
   * Bound parameters per lock statement when only the database can order the keys: all of a
   * batch's rows are locked by one statement (up to 30,000 keys, or 15,000 two-part keys), so that
   * the database's key order holds across the whole batch. pgJDBC and SQLite take up to 32,766.
   */
  private static final int LOCK_PARAMETERS = 30_000;
  /** Entities per {@code UNION ALL} of {@link BatchRows#matchSql}: SQLite allows 500 terms. */
  private static final int MATCH_CHUNK = 500;
  /**
   * Rows per statement of a PostgreSQL batch (one statement over arrays), and per {@code
   * executeBatch} elsewhere: what a batch holds in memory at once, however many rows it has. The
   * chunks run one after another in one transaction, so a batch still commits or rolls back whole.
   */
  private static final int CHUNK = 10_000;
  /** How many times a PostgreSQL batch runs when it keeps being chosen as a deadlock's victim. */
  private static final int DEADLOCK_ATTEMPTS = 5;

  /** PostgreSQL's SQLSTATE of a transaction chosen as the victim of a deadlock. */
  private static final String DEADLOCK = "40P01";

  /**
   * PostgreSQL's SQLSTATE of a value whose type cannot be assigned to its column: the one-statement
   * batch's arrays carry typed elements ({@code varchar} for a {@code String}), which a {@code
   * jsonb}, {@code uuid} or enum column refuses where a single update's untyped parameter
   * ({@code stringtype=unspecified}) is accepted.
   */
  private static final String DATATYPE_MISMATCH = "42804";

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
   * {@code updateAll}/{@code deleteAll} while {@link dev.optilock.runtime.OptimisticLocking} is off for the type: every
   * entity is written with {@code single} (the unchecked write) in one transaction, in the same lock
   * order as checked batches. A row that is gone is the only possible conflict; the policy decides
   * as for checked batches, and with {@link ConflictPolicy#ABORT_ALL} the batch's writes are undone
   * (behind a savepoint inside a caller's transaction) and every entity passed in keeps its version.
   */
  public static <T> BatchResult<T> unchecked(
      Database database,
      BatchRows<T> rows,
      String parameter,
      Collection<T> entities,
      ConflictPolicy policy,
      UnaryOperator<T> single) {
    Objects.requireNonNull(policy, "policy");
    Checked<T> checked = validate(parameter, entities, rows);
    List<T> list = checked.list();
    if (list.isEmpty()) {
      return new BatchResult<>(List.of(), List.of());
    }
    List<Object> before = list.stream().map(rows::version).toList();
    boolean done = false;
    try {
      Object outcome = Transactions.call(database.dataSource(), () -> {
        Savepoint savepoint = savepoint(database);
        Locked locked;
        try (ConnectionLease lease = database.lease()) {
          locked = lock(lease, rows, checked, parameter);
        } catch (SQLException e) {
          throw database.failure("locking the rows of a batch of " + name(rows), e);
        }
        if (locked.duplicate() != null) {
          rollback(database, savepoint);
          return new Duplicate(locked.duplicate());
        }
        List<T> written = new ArrayList<>(Collections.nCopies(list.size(), null));
        List<Conflict<T>> gone = new ArrayList<>(Collections.nCopies(list.size(), null));
        for (int i : locked.order()) {
          T entity = list.get(i);
          try {
            written.set(i, single.apply(entity));
          } catch (RecordModifiedException e) {
            gone.set(i, new Conflict<>(rows.id(entity), before.get(i), Optional.empty(), entity));
          }
        }
        List<Conflict<T>> conflicts = present(gone);
        if (!conflicts.isEmpty() && policy == ConflictPolicy.ABORT_ALL) {
          rollback(database, savepoint);
          return new Conflicts<>(conflicts);
        }
        return new BatchResult<>(present(written), conflicts);
      });
      if (outcome instanceof Duplicate duplicate) {
        throw new IllegalArgumentException(duplicate.message());
      }
      if (outcome instanceof Conflicts<?> conflicts) {
        // (the finally block below gives class entities their versions back)
        throw new BatchConflictException(rows.entityType(), conflicts.list(), list.size());
      }
      done = true;
      @SuppressWarnings("unchecked")
      BatchResult<T> result = (BatchResult<T>) outcome;
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
      return database.transactionConnection().setSavepoint();
    } catch (SQLException e) {
      throw database.failure("setting a savepoint", e);
    }
  }

  private static void rollback(Database database, Savepoint savepoint) {
    try {
      database.transactionConnection().rollback(savepoint);
    } catch (SQLException e) {
      throw database.failure("rolling back to a savepoint", e);
    }
  }

  /**
   * {@code ifUnchanged}: locks the selected rows (in the order described above), has the database
   * find each entity's row and compare its version, and only when every row is there with the
   * entity's version runs {@code action} in the same transaction.
   *
   * @throws BatchConflictException listing every changed or deleted row; the action did not run
   * @throws IllegalArgumentException when two entities are one row for the database; the action
   *     did not run
   */
  public static <T, R> R ifUnchanged(
      Database database, BatchRows<T> rows, Collection<T> selection, Supplier<R> action) {
    Objects.requireNonNull(action, "action");
    Checked<T> checked = validate("selection", selection, rows);
    List<T> list = checked.list();
    Object outcome =
        Transactions.call(
            database.dataSource(),
            () -> {
              if (!list.isEmpty()) {
                try (ConnectionLease lease = database.lease()) {
                  Object refused = compare(lease, rows, checked);
                  if (refused != null) {
                    return refused;
                  }
                } catch (SQLException e) {
                  throw database.failure("ifUnchanged of " + list.size() + " " + name(rows), e);
                }
              }
              return new Ran<>(action.get());
            });
    if (outcome instanceof Duplicate duplicate) {
      throw new IllegalArgumentException(duplicate.message());
    }
    if (outcome instanceof Conflicts<?> conflicts) {
      throw new BatchConflictException(rows.entityType(), conflicts.list(), list.size());
    }
    @SuppressWarnings("unchecked")
    R result = ((Ran<R>) outcome).value();
    return result;
  }

  /**
   * Locks the selection's rows and compares them: a {@link Duplicate} or {@link Conflicts} when the
   * action must not run, else {@code null}.
   */
  private static <T> Object compare(ConnectionLease lease, BatchRows<T> rows, Checked<T> checked)
      throws SQLException {
    List<T> list = checked.list();
    lockRows(lease, rows, checked.keyOrder() == null ? list : pick(list, checked.keyOrder()));
    Match[] matches = match(lease, rows, list);
    String duplicate = duplicate("selection", rows, list, matches);
    if (duplicate != null) {
      return new Duplicate(duplicate);
    }
    List<Conflict<T>> conflicts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      T entity = list.get(i);
      Match match = matches[i];
      if (match == null || !match.sameVersion()) {
        conflicts.add(new Conflict<>(rows.id(entity), rows.version(entity),
            match == null ? Optional.empty() : Optional.of(match.version()), entity));
      }
    }
    return conflicts.isEmpty() ? null : new Conflicts<>(conflicts);
  }

  /** A batch refused because two entities are one row for the database. */
  private record Duplicate(String message) {}

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
    Checked<T> checked = validate(parameter, entities, rows);
    List<T> list = checked.list();
    if (list.isEmpty()) {
      return new BatchResult<>(List.of(), List.of());
    }
    String operation = (update ? "updateAll" : "deleteAll") + " of " + list.size() + " " + name(rows);
    List<Conflict<T>> conflicts = new ArrayList<>();
    Object[] versions = new Object[list.size()];
    int[] counts;
    // until its COMMIT is sent, a batch outside a transaction runs in its own, which a lost
    // connection rolls back: only a loss during the COMMIT leaves the outcome unknown
    boolean committing = false;
    try (ConnectionLease lease = database.lease()) {
      lease.begin();
      Savepoint savepoint = lease.savepointIfJoined();
      Locked locked;
      int deadlocks = 0;
      while (true) {
        locked = lock(lease, rows, checked, parameter);
        if (locked.duplicate() != null) {
          lease.rollbackTo(savepoint);
          throw new IllegalArgumentException(locked.duplicate());
        }
        boolean lockFirst = rows.locksFirst();
        try {
          counts = execute(lease, rows, list, locked.order(), update, versions,
              database.batchCountsUnknown(), lockFirst);
        } catch (SQLException e) {
          if (DATATYPE_MISMATCH.equals(e.getSQLState()) && lease.dialect() == Dialect.POSTGRESQL
              && rows.arraysFit()) {
            // a column refused an array's element type: undo, and send this batch (and the
            // repository's later ones) as JDBC batches, whose parameters are bound as for update
            rows.arraysDoNotFitFromNowOn();
            lease.rollbackTo(savepoint);
            continue;
          }
          if (!DEADLOCK.equals(e.getSQLState()) || ++deadlocks >= DEADLOCK_ATTEMPTS) {
            throw e;
          }
          // PostgreSQL wrote the rows in another order than the key's and deadlocked with another
          // transaction: undo, and run the batch again (then and from now on) with its rows
          // locked in key order first. A batch that locks in key order can still be chosen as
          // the victim of a deadlock with another repository's batch that does not yet: it runs
          // again too, a few times at most.
          rows.lockFirstFromNowOn();
          lease.rollbackTo(savepoint);
          continue;
        }
        if (counts != null) {
          break;
        }
        // The driver ran the batch but did not say which statements matched: undo it, and run
        // the statements one by one, each with its own count (then and from now on).
        database.batchCountsAreUnknown();
        lease.rollbackTo(savepoint);
      }
      List<Integer> failed = new ArrayList<>();
      List<Integer> readBack = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (counts[i] == Statement.EXECUTE_FAILED) {
          lease.rollbackTo(savepoint);
          throw new DataAccessException(operation + ": the driver reported EXECUTE_FAILED for a"
              + " statement of the batch, so what it did cannot be told; nothing was written");
        }
        if (counts[i] == 0 && lease.dialect() == Dialect.SQLITE
            && rows.version(list.get(i)) instanceof Temporal // a time version, perhaps other text
            && againWithStoredText(lease, rows, list.get(i), update, versions, i)) {
          counts[i] = 1;
        }
        if (counts[i] == 0) {
          failed.add(i);
        } else if (update && versions[i] == null) {
          readBack.add(i);
        }
      }
      if (!failed.isEmpty()) {
        Object[] actual = currentVersions(lease, rows, list, failed, locked);
        for (int k = 0; k < failed.size(); k++) {
          T entity = list.get(failed.get(k));
          if (actual[k] != null && Versions.same(actual[k], rows.version(entity))) {
            lease.rollbackTo(savepoint);
            throw Versions.representationMismatch(
                rows.entityType(), rows.id(entity), rows.version(entity), null);
          }
          conflicts.add(new Conflict<>(
              rows.id(entity), rows.version(entity), Optional.ofNullable(actual[k]), entity));
        }
        if (policy == ConflictPolicy.ABORT_ALL) {
          lease.rollbackTo(savepoint);
          throw new BatchConflictException(rows.entityType(), conflicts, list.size());
        }
      }
      if (!readBack.isEmpty()) {
        Object[] stored = storedVersions(lease, rows, pick(list, readBack), false);
        for (int k = 0; k < readBack.size(); k++) {
          versions[readBack.get(k)] = stored[k];
        }
      }
      RuntimeException missingTrigger = update ? rows.missingTrigger() : null;
      if (missingTrigger != null) {
        for (int i = 0; i < list.size(); i++) {
          if (counts[i] != 0 && Objects.equals(versions[i], rows.version(list.get(i)))) {
            // the row was written but its version did not move: no trigger maintains it
            lease.rollbackTo(savepoint);
            throw missingTrigger;
          }
        }
      }
      committing = true;
      lease.commit();
    } catch (SQLException e) {
      throw database.failure(operation, e, committing);
    }
    List<T> written = new ArrayList<>(list.size() - conflicts.size());
    for (int i = 0; i < list.size(); i++) {
      if (counts[i] != 0) {
        written.add(update ? rows.withVersion(list.get(i), versions[i]) : list.get(i));
      }
    }
    return new BatchResult<>(written, conflicts);
  }

  /**
   * Runs the compare-and-set statements of the entities at the positions {@code order}, in that
   * order, {@value #CHUNK} rows at a time: on PostgreSQL each chunk as one statement over arrays
   * ({@link #executeFromArrays}), elsewhere as one JDBC batch (or, {@code oneByOne}, each statement
   * on its own). Returns each entity's update count by its position in {@code list}, or {@code
   * null} when the driver answered a batch with {@link Statement#SUCCESS_NO_INFO}. {@code versions}
   * receives, by position, the version each UPDATE writes ({@code null} where the database decides
   * it and no statement returned it).
   */
  private static <T> int[] execute(
      ConnectionLease lease, BatchRows<T> rows, List<T> list, int[] order, boolean update,
      Object[] versions, boolean oneByOne, boolean lockFirst) throws SQLException {
    Dialect dialect = lease.dialect();
    int[] counts = new int[list.size()];
    PreparedStatement batch = null;
    try {
      for (int from = 0; from < order.length; from += CHUNK) {
        int to = Math.min(order.length, from + CHUNK);
        if (dialect == Dialect.POSTGRESQL && !oneByOne && rows.arraysFit()
            && executeFromArrays(lease, rows, list, order, from, to, update, versions, counts,
                lockFirst)) {
          continue;
        }
        if (batch == null) {
          batch = lease.connection().prepareStatement(
              update ? rows.updateSql(dialect) : rows.deleteSql(dialect));
        }
        if (!executeBatch(batch, dialect, rows, list, order, from, to, update, versions, oneByOne,
            counts)) {
          return null;
        }
      }
    } finally {
      if (batch != null) {
        batch.close();
      }
    }
    return counts;
  }

  /**
   * Runs the statements of {@code order[from..to)} as one JDBC batch (or one by one), putting each
   * count in {@code counts}; false when the driver answered {@link Statement#SUCCESS_NO_INFO}.
   */
  private static <T> boolean executeBatch(
      PreparedStatement statement, Dialect dialect, BatchRows<T> rows, List<T> list, int[] order,
      int from, int to, boolean update, Object[] versions, boolean oneByOne, int[] counts)
      throws SQLException {
    for (int k = from; k < to; k++) {
      int i = order[k];
      T entity = list.get(i);
      if (update) {
        versions[i] = rows.bindUpdate(statement, dialect, entity);
      } else {
        rows.bindDelete(statement, dialect, entity);
      }
      if (oneByOne) {
        counts[i] = statement.executeUpdate();
      } else {
        statement.addBatch();
      }
    }
    if (oneByOne) {
      return true;
    }
    int[] batch = statement.executeBatch();
    if (batch.length != to - from) {
      throw new SQLException("the driver reported " + batch.length + " update counts for a batch"
          + " of " + (to - from) + " statements");
    }
    for (int k = 0; k < batch.length; k++) {
      if (batch[k] == Statement.SUCCESS_NO_INFO) {
        return false;
      }
      counts[order[from + k]] = batch[k];
    }
    return true;
  }

  /**
   * PostgreSQL: the compare-and-set statements of {@code order[from..to)} as one statement. Each
   * row is bound by the same binder as {@code update} or {@code delete}, into {@link ArrayRows},
   * which turns every parameter into an array of one value per row; the statement ({@link
   * BatchRows#updateFromArrays}) has the database join each row to the stored row of its key,
   * compare the version and write, and returns the position of every row it wrote (with the
   * version it holds now, which is what a TRIGGER or conditional version needs). A row it did not
   * return wrote nothing: its count is 0. With {@code lockFirst} the statement first locks the
   * rows in the database's key order, whatever plan it gets. Returns false, having sent nothing,
   * when these rows bind something an array cannot carry exactly; they then go as a JDBC batch.
   */
  private static <T> boolean executeFromArrays(
      ConnectionLease lease, BatchRows<T> rows, List<T> list, int[] order, int from, int to,
      boolean update, Object[] versions, int[] counts, boolean lockFirst) throws SQLException {
    Dialect dialect = lease.dialect();
    ArrayRows bound = new ArrayRows(to - from);
    ArrayRows.ElementType[] types;
    try {
      for (int k = from; k < to; k++) {
        T entity = list.get(order[k]);
        if (update) {
          versions[order[k]] = rows.bindUpdate(bound, dialect, entity);
        } else {
          rows.bindDelete(bound, dialect, entity);
        }
        bound.endRow();
      }
      types = bound.elementTypes();
    } catch (UnsupportedOperationException notAnArray) {
      return false;
    }
    List<String> names = Arrays.stream(types).map(ArrayRows.ElementType::sqlName).toList();
    String sql = update
        ? rows.updateFromArrays(names, lockFirst)
        : rows.deleteFromArrays(names, lockFirst);
    if (sql == null) {
      return false;
    }
    Connection connection = lease.connection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int p = 0; p < types.length; p++) {
        statement.setArray(p + 1, bound.array(connection, p, types[p]));
      }
      try (ResultSet written = statement.executeQuery()) {
        while (written.next()) {
          int i = order[from + (int) written.getLong(1) - 1];
          counts[i]++;
          if (update && versions[i] == null) {
            versions[i] = rows.readVersion(written, dialect, 2);
          }
        }
      }
    }
    for (int k = from; k < to; k++) {
      if (counts[order[k]] > 1) {
        throw new SQLException("the database wrote the row of one entity twice");
      }
    }
    return true;
  }

  /**
   * SQLite, after the compare-and-set of {@code entity} changed nothing: when its row holds the
   * expected version as other text (see {@link Versions#matchStoredText}), runs the statement once
   * more against that text, and on success puts the version it wrote at {@code versions[index]}.
   */
  private static <T> boolean againWithStoredText(
      ConnectionLease lease, BatchRows<T> rows, T entity, boolean update, Object[] versions,
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
      versions[index] = version;
      return true;
    }
  }

  /**
   * The version column's text exactly as stored, of each entity's row (absent when it has none),
   * by the entity's id: each entity's row read by its own key, so the database matches it.
   */
  static <T> Map<Object, String> storedTexts(ConnectionLease lease, BatchRows<T> rows, List<T> entities)
      throws SQLException {
    Map<Object, String> texts = new HashMap<>();
    for (T entity : entities) {
      read(lease, rows, List.of(entity), false, 1, ResultSet::getString,
          (key, text) -> texts.put(rows.id(entity), text));
    }
    return texts;
  }

  /** Reads one column of a result set. */
  private interface ColumnReader<V> {
    V read(ResultSet resultSet, int index) throws SQLException;
  }

  /**
   * A batch's rows once locked: the order in which to write them (positions in the list); each
   * entity's row as the database matched it, where that had to be asked, else {@code null}; and
   * the message refusing two entities that are one row, or {@code null}.
   */
  private record Locked(int[] order, Match[] matches, String duplicate) {}

  /**
   * One entity's row, as the database found it by the entity's key: the stored key and version,
   * and whether the database compares that version equal to the entity's.
   */
  private record Match(Object key, Object version, boolean sameVersion) {}

  /**
   * Takes the locks of a batch, in the order every batch agrees on, and finds out what is needed
   * before writing. Whole-number keys: the order is by key, sorted in Java, and the writes
   * themselves lock the rows in that order (no statement before them). Other keys: the database
   * locks them in its own key order and counts the rows; fewer rows than entities means some are
   * gone or two entities share a row, and {@link #match} tells which.
   */
  private static <T> Locked lock(
      ConnectionLease lease, BatchRows<T> rows, Checked<T> checked, String parameter)
      throws SQLException {
    if (checked.keyOrder() != null) {
      return new Locked(checked.keyOrder(), null, null);
    }
    List<T> list = checked.list();
    int[] order = IntStream.range(0, list.size()).toArray();
    if (lockRows(lease, rows, list).size() == list.size()) {
      // as many rows as entities, each entity matching at most one row: one row each
      return new Locked(order, null, null);
    }
    Match[] matches = match(lease, rows, list);
    return new Locked(order, matches, duplicate(parameter, rows, list, matches));
  }

  /**
   * The positions of these (whole-number) keys in key order: as they come when they come sorted
   * already (found in one pass), else sorted, equal keys keeping their order.
   */
  private static int[] sortedByKey(Object[] ids) {
    boolean sorted = true;
    for (int i = 1; i < ids.length && sorted; i++) {
      sorted = compareKeys(ids[i - 1], ids[i]) <= 0;
    }
    if (sorted) {
      return IntStream.range(0, ids.length).toArray();
    }
    return IntStream.range(0, ids.length)
        .boxed()
        .sorted((a, b) -> compareKeys(ids[a], ids[b]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static <T> Object[] ids(BatchRows<T> rows, List<T> list) {
    Object[] ids = new Object[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.id(list.get(i));
    }
    return ids;
  }

  /** Whole-number keys (or composite keys of them) in the database's order. */
  private static int compareKeys(Object a, Object b) {
    if (a instanceof CompositeKey x && b instanceof CompositeKey y) {
      for (int i = 0; i < x.size(); i++) {
        int part = compareKeys(x.get(i), y.get(i));
        if (part != 0) {
          return part;
        }
      }
      return 0;
    }
    return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
  }

  /** The entities in the order their rows are locked in. */
  private static <T> List<T> inLockOrder(BatchRows<T> rows, List<T> list) {
    return rows.integralKey() ? pick(list, sortedByKey(ids(rows, list))) : list;
  }

  /**
   * Locks the rows of these entities, which come in lock order, and returns what was read: stored
   * key → version. Whole-number keys go {@value #IN_CHUNK} to a statement (the chunks follow one
   * another in key order); other keys as many as one statement takes, so that the database orders
   * them all.
   */
  private static <T> Map<Object, Object> lockRows(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities) throws SQLException {
    Map<Object, Object> stored = new HashMap<>();
    int chunk = rows.integralKey() ? IN_CHUNK : Math.max(1, LOCK_PARAMETERS / rows.keyColumns());
    read(lease, rows, entities, true, chunk, stored::put);
    return stored;
  }

  /**
   * Reads the key and version of every row whose key is among these entities' keys, {@code chunk}
   * keys to a statement, handing each row to {@code row} (keys as stored). With {@code lock} the
   * rows are locked in the database's key order within each statement: on PostgreSQL {@code WHERE
   * key IN (...) ORDER BY key FOR UPDATE}, which locks the rows as sorted; on MariaDB {@code WHERE
   * key = ? OR key = ? ... ORDER BY key FOR UPDATE}, which its range optimizer reads (and locks) in
   * index order, where a long {@code IN} list would be turned into a join that locks them in no
   * particular order; SQLite, which has no row locks, takes its write lock first.
   */
  private static <T> void read(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean lock, int chunk,
      BiConsumer<Object, Object> row) throws SQLException {
    read(lease, rows, entities, lock, chunk,
        (resultSet, index) -> rows.readVersion(resultSet, lease.dialect(), index), row);
  }

  /** {@link #read}, the version column read with {@code version}. */
  private static <T, V> void read(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean lock, int chunk,
      ColumnReader<V> version, BiConsumer<Object, V> row) throws SQLException {
    Dialect dialect = lease.dialect();
    if (lock && dialect == Dialect.SQLITE) {
      try (Statement statement = lease.connection().createStatement()) {
        statement.executeUpdate(rows.lockSql(Dialect.SQLITE));
      }
    }
    int keyColumns = rows.keyColumns();
    boolean ors = lock && dialect == Dialect.MARIADB;
    String each = ors
        ? (keyColumns == 1 ? rows.keyCondition(dialect) : "(" + rows.keyCondition(dialect) + ")")
        : (keyColumns == 1 ? "?" : "(?" + ", ?".repeat(keyColumns - 1) + ")");
    String suffix = ors ? "" : ")";
    if (lock && dialect != Dialect.SQLITE) {
      StringBuilder orderBy = new StringBuilder(" ORDER BY 1");
      for (int column = 2; column <= keyColumns; column++) {
        orderBy.append(", ").append(column);
      }
      suffix += orderBy + " FOR UPDATE";
    }
    for (int from = 0; from < entities.size(); from += chunk) {
      List<T> part = entities.subList(from, Math.min(entities.size(), from + chunk));
      StringBuilder sql = new StringBuilder(
          ors ? rows.selectVersionsWhere(dialect) : rows.selectVersionsPrefix(dialect));
      for (int i = 0; i < part.size(); i++) {
        sql.append(i == 0 ? "" : ors ? " OR " : ", ").append(each);
      }
      sql.append(suffix);
      try (PreparedStatement statement = lease.connection().prepareStatement(sql.toString())) {
        for (int i = 0; i < part.size(); i++) {
          rows.bindId(statement, dialect, i * keyColumns + 1, rows.id(part.get(i)));
        }
        try (ResultSet resultSet = statement.executeQuery()) {
          while (resultSet.next()) {
            row.accept(rows.readId(resultSet, dialect, 1), version.read(resultSet, keyColumns + 1));
          }
        }
      }
    }
  }

  /**
   * Each entity's row as the database finds it by the entity's key ({@code null} where it finds
   * none): {@link BatchRows#matchSql} once per entity, joined by {@code UNION ALL}, each row read
   * naming its entity by position. On MariaDB each part is a locking read, so that it sees the
   * latest rows (which the batch has locked already) rather than an older snapshot.
   */
  private static <T> Match[] match(ConnectionLease lease, BatchRows<T> rows, List<T> entities)
      throws SQLException {
    Dialect dialect = lease.dialect();
    String one = dialect == Dialect.MARIADB
        ? "(" + rows.matchSql(dialect) + " FOR UPDATE)"
        : rows.matchSql(dialect);
    int keyColumns = rows.keyColumns();
    Match[] matches = new Match[entities.size()];
    for (int from = 0; from < entities.size(); from += MATCH_CHUNK) {
      int to = Math.min(entities.size(), from + MATCH_CHUNK);
      String sql = String.join(" UNION ALL ", Collections.nCopies(to - from, one));
      try (PreparedStatement statement = lease.connection().prepareStatement(sql)) {
        int index = 1;
        for (int i = from; i < to; i++) {
          T entity = entities.get(i);
          statement.setInt(index, i);
          rows.bindVersion(statement, dialect, index + 1, rows.version(entity));
          rows.bindId(statement, dialect, index + 2, rows.id(entity));
          index += 2 + keyColumns;
        }
        try (ResultSet resultSet = statement.executeQuery()) {
          while (resultSet.next()) {
            matches[resultSet.getInt(1)] = new Match(
                rows.readId(resultSet, dialect, 2),
                rows.readVersion(resultSet, dialect, 2 + keyColumns),
                resultSet.getInt(3 + keyColumns) == 1);
          }
        }
      }
    }
    return matches;
  }

  /**
   * The message refusing the batch when the database matched two entities to one stored row, or
   * {@code null}. Rows are told apart by their keys as stored and read back, which are equal in
   * Java exactly when they are one row.
   */
  private static <T> String duplicate(
      String parameter, BatchRows<T> rows, List<T> list, Match[] matches) {
    Map<Object, Integer> first = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      if (matches[i] == null) {
        continue;
      }
      Integer j = first.putIfAbsent(matches[i].key(), i);
      if (j != null) {
        return parameter + "[" + i + "]: " + KeyNames.describe(rows.entityType(), rows.id(list.get(i)))
            + " is the same row as " + parameter + "[" + j + "] "
            + KeyNames.describe(rows.entityType(), rows.id(list.get(j)))
            + " for the database; nothing was written";
      }
    }
    return null;
  }

  /**
   * The versions the rows of the entities at {@code positions} hold (null where gone), for
   * conflicts: as the database matched them under the lock where it was asked to (those rows were
   * not written since), else read now, the latest committed row ({@link #storedVersions} with
   * {@code latest}).
   */
  private static <T> Object[] currentVersions(
      ConnectionLease lease, BatchRows<T> rows, List<T> list, List<Integer> positions, Locked locked)
      throws SQLException {
    if (locked.matches() == null) {
      return storedVersions(lease, rows, pick(list, positions), true);
    }
    Object[] versions = new Object[positions.size()];
    for (int k = 0; k < positions.size(); k++) {
      Match match = locked.matches()[positions.get(k)];
      versions[k] = match == null ? null : match.version();
    }
    return versions;
  }

  /**
   * The version each entity's row holds now ({@code null} where there is none): for whole-number
   * keys one {@code SELECT ... IN (...)} per {@value #IN_CHUNK}, matched in Java; for other keys
   * as the database matches them ({@link #match}). With {@code latest} (the versions a conflict
   * reports), MariaDB reads whole-number keys with a locking read in key order, which sees the
   * latest committed row where a plain read inside a REPEATABLE READ transaction would see its
   * older snapshot; under REPEATABLE READ the batch's writes have locked those rows already, so
   * the read takes no new lock.
   */
  private static <T> Object[] storedVersions(
      ConnectionLease lease, BatchRows<T> rows, List<T> entities, boolean latest)
      throws SQLException {
    Object[] versions = new Object[entities.size()];
    if (rows.integralKey()) {
      Map<Object, Object> stored = new HashMap<>();
      boolean lock = latest && lease.dialect() == Dialect.MARIADB;
      read(lease, rows, lock ? inLockOrder(rows, entities) : entities, lock, IN_CHUNK, stored::put);
      for (int i = 0; i < entities.size(); i++) {
        versions[i] = stored.get(rows.id(entities.get(i)));
      }
    } else {
      Match[] matches = match(lease, rows, entities);
      for (int i = 0; i < entities.size(); i++) {
        versions[i] = matches[i] == null ? null : matches[i].version();
      }
    }
    return versions;
  }

  private static <T> List<T> pick(List<T> list, int[] positions) {
    return Arrays.stream(positions).mapToObj(list::get).toList();
  }

  private static <T> List<T> pick(List<T> list, List<Integer> positions) {
    return positions.stream().map(list::get).toList();
  }

  /** The non-null elements, in order. */
  private static <E> List<E> present(List<E> elements) {
    return elements.stream().filter(Objects::nonNull).toList();
  }

  /**
   * The entities as a list, checked: no nulls, all saved, each with a key, no id twice; the first
   * problem in input order is reported. {@code parameter} is the generated method's parameter
   * name, for the messages. Ids that are equal in Java are certainly one row for the database; ids that only the
   * database considers equal are found once the rows are locked ({@link #duplicate}). Whole-number
   * keys are sorted here, once, which finds their repeats without a hash set and gives the order
   * the batch writes them in.
   */
  private static <T> Checked<T> validate(
      String parameter, Collection<T> entities, BatchRows<T> rows) {
    Objects.requireNonNull(entities, parameter);
    List<T> list = new ArrayList<>(entities);
    int firstNull = list.indexOf(null);
    int end = firstNull < 0 ? list.size() : firstNull;
    Object[] ids = ids(rows, list.subList(0, end));
    int keyless = -1; // the first position whose entity has no key, which names no row
    for (int i = 0; i < end && keyless < 0; i++) {
      if (Versions.keyMissing(ids[i])) {
        keyless = i;
      }
    }
    // repeats only matter before the first keyless position, which is refused in any case
    int keyed = keyless < 0 ? end : keyless;
    int[] keyOrder = null;
    int repeated = -1; // the first position whose key an earlier position has
    if (rows.integralKey()) {
      // sorted (stably) by key, equal keys are neighbours, the earlier position first
      keyOrder = sortedByKey(keyed == end ? ids : Arrays.copyOf(ids, keyed));
      for (int k = 1; k < keyOrder.length; k++) {
        if (compareKeys(ids[keyOrder[k - 1]], ids[keyOrder[k]]) == 0
            && (repeated < 0 || keyOrder[k] < repeated)) {
          repeated = keyOrder[k];
        }
      }
    } else {
      Set<Object> seen = new HashSet<>(Math.max(16, (int) (end / 0.75f) + 1));
      for (int i = 0; i < keyed && repeated < 0; i++) {
        if (!seen.add(ids[i])) {
          repeated = i;
        }
      }
    }
    // the first problem in input order, each position checked as it comes
    for (int i = 0; i < end; i++) {
      T entity = list.get(i);
      if (rows.unsaved(entity)) {
        throw new IllegalArgumentException(parameter + "[" + i + "] "
            + KeyNames.describe(rows.entityType(), ids[i]) + " has version " + rows.version(entity)
            + ", which means it was never saved: insert or save it first; nothing was written");
      }
      if (i == keyless) {
        throw new IllegalArgumentException(parameter + "[" + i + "] "
            + Versions.noKey(rows.entityType(), ids[i], rows.version(entity)).getMessage());
      }
      if (i == repeated) {
        throw new IllegalArgumentException(parameter + "[" + i + "]: "
            + KeyNames.describe(rows.entityType(), ids[i])
            + " appears more than once; nothing was written");
      }
    }
    if (firstNull >= 0) {
      throw new NullPointerException(parameter + "[" + firstNull + "] is null");
    }
    return new Checked<>(list, keyOrder);
  }

  /**
   * A batch's entities once checked, as a list, and for whole-number keys the positions in key
   * order (the order the rows are written and locked in), else {@code null}.
   */
  private record Checked<T>(List<T> list, int[] keyOrder) {}

  private static String name(BatchRows<?> rows) {
    return rows.entityType().getSimpleName();
  }
}
