package dev.optilock.runtime.internal;

import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.OptimisticLocking;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@link Batches} needs to know about one entity type. {@link Engine} implements it for every
 * repository from the entity's {@link Mapping}; applications do not. Not for users; may change in
 * any release.
 *
 * @param <T> the entity type
 */
public interface BatchRows<T> {
  /**
   * The entity class (for {@code Versioned<Customer>} rows, {@code Customer}): what conflicts and
   * {@link OptimisticLocking} name.
   */
  Class<?> entityType();

  /** The entity's id. */
  Object id(T entity);

  /** The version the entity carries. */
  Object version(T entity);

  /** Whether the entity's version holds the unsaved default (0 or null). */
  boolean unsaved(T entity);

  /** The compare-and-set UPDATE of one row, for this dialect. */
  String updateSql(Dialect dialect);

  /** The compare-and-set DELETE of one row, for this dialect. */
  String deleteSql(Dialect dialect);

  /**
   * How many columns the primary key has: 1, or more for a composite key, whose {@link #id} is a
   * {@link CompositeKey}.
   */
  default int keyColumns() {
    return 1;
  }

  /**
   * Whether every part of the key is a whole number ({@code byte}, {@code short}, {@code int},
   * {@code long} or their boxes) stored as it is, without a converter. Then Java's {@code equals}
   * and order of keys are exactly the database's, and {@link Batches} sorts and matches the rows in
   * Java; otherwise (text, decimals, UUIDs, dates, converted values) only the database can say which
   * keys denote the same row, and in which order it locks them.
   */
  default boolean integralKey() {
    return false;
  }

  /**
   * {@code SELECT id, version FROM table WHERE id IN (} for this dialect, or for a composite key
   * {@code SELECT a, b, version FROM table WHERE (a, b) IN (}; {@link Batches} adds one placeholder
   * (or parenthesised group of {@link #keyColumns()} placeholders) per row and the closing
   * parenthesis.
   */
  String selectVersionsPrefix(Dialect dialect);

  /**
   * {@code SELECT id, version FROM table WHERE } (for a composite key {@code SELECT a, b, version
   * ...}), for this dialect: {@link Batches} adds one {@link #keyCondition} per row, joined by
   * {@code OR}. MariaDB's locking reads take this form, because MariaDB turns a long {@code IN}
   * list (1,000 values by default) into a join that locks the rows in no particular order.
   */
  String selectVersionsWhere(Dialect dialect);

  /** {@code id = ?}, or for a composite key {@code a = ? AND b = ?}, for this dialect. */
  String keyCondition(Dialect dialect);

  /**
   * The row of one entity, found by the database's own comparison of its key, for this dialect:
   * {@code SELECT ?, id, version, CASE WHEN version = ? THEN 1 ELSE 0 END FROM table WHERE id = ?}
   * (for a composite key {@code WHERE a = ? AND b = ?}). It binds the entity's position in the
   * batch, then its version ({@link #bindVersion}), then its id ({@link #bindId}); {@link Batches}
   * joins one per entity with {@code UNION ALL}, so that each row read names the entity it belongs
   * to by position, never by comparing keys in Java.
   */
  String matchSql(Dialect dialect);

  /**
   * A statement that changes nothing but takes SQLite's write lock, so that rows read next cannot
   * change before the transaction ends ({@code UPDATE t SET id = id WHERE 1 = 0}).
   */
  String lockSql(Dialect dialect);

  /**
   * PostgreSQL: {@link #updateSql} of many rows as one statement, each parameter an array of one
   * value per row, that returns the position (from 1) of each row it wrote (and, for a version the
   * database decides, the version it holds now)
   * (see {@code Statements.updateFromArrays}); {@code null} where there is no such statement.
   *
   * @param elementTypes the SQL type of each parameter's elements, in bind order
   * @param lockFirst whether the statement first locks the rows in the database's key order, so
   *     that it cannot deadlock with another batch whatever plan it gets
   */
  default String updateFromArrays(List<String> elementTypes, boolean lockFirst) {
    return null;
  }

  /**
   * PostgreSQL: {@link #deleteSql} of many rows as one statement that returns the position of each
   * row it deleted; {@code null} where there is no such statement.
   */
  default String deleteFromArrays(List<String> elementTypes, boolean lockFirst) {
    return null;
  }

  /**
   * For a TRIGGER version: the exception saying its trigger is not installed, which a batch throws
   * (having rolled back) when a row it wrote still holds the version it had; {@code null} for the
   * other strategies, whose version the statement itself moves.
   */
  default RuntimeException missingTrigger() {
    return null;
  }

  /**
   * Whether PostgreSQL's one-statement batches of these rows lock them in key order first ({@code
   * lockFirst} of {@link #updateFromArrays}): from the first time one of them deadlocked on.
   */
  default boolean locksFirst() {
    return true;
  }

  /** Has {@link #locksFirst} answer true from now on. */
  default void lockFirstFromNowOn() {}

  /**
   * Whether PostgreSQL batches of these rows go as one statement over arrays ({@link
   * #updateFromArrays}): until the database once refused to assign an array's element type to a
   * column (SQLSTATE {@code 42804}, as for a {@code String} bound for a {@code jsonb}, {@code uuid}
   * or enum column under pgJDBC's {@code stringtype=unspecified}, which a single update sends
   * untyped); from then on they go as JDBC batches.
   */
  default boolean arraysFit() {
    return true;
  }

  /** Has {@link #arraysFit} answer false from now on. */
  default void arraysDoNotFitFromNowOn() {}

  /**
   * Binds {@link #updateSql} for {@code entity}.
   *
   * @return the version the statement writes, or {@code null} when the database decides it
   *     (TRIGGER and conditional versions), in which case it is read back
   */
  Object bindUpdate(PreparedStatement statement, Dialect dialect, T entity) throws SQLException;

  /** Binds {@link #deleteSql} for {@code entity}. */
  void bindDelete(PreparedStatement statement, Dialect dialect, T entity) throws SQLException;

  /** Binds an id to parameter {@code index} (and the next ones, for a composite key). */
  void bindId(PreparedStatement statement, Dialect dialect, int index, Object id) throws SQLException;

  /** Binds a version to parameter {@code index}, as the compare-and-set statements bind it. */
  void bindVersion(PreparedStatement statement, Dialect dialect, int index, Object version)
      throws SQLException;

  /** Reads an id from column {@code index} (and the next ones, for a composite key). */
  Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException;

  /** Reads a version from column {@code index}. */
  Object readVersion(ResultSet resultSet, Dialect dialect, int index) throws SQLException;

  /**
   * The entity with its new version: a new instance for records, the same instance (its version
   * set) for classes. Called only once the rows are written.
   */
  T withVersion(T entity, Object version);
}
