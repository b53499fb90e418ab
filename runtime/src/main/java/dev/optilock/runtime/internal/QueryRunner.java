package dev.optilock.runtime.internal;

import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.Limit;
import dev.optilock.runtime.NonUniqueResultException;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import dev.optilock.runtime.Sort;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs the queries of {@code @Queries} interfaces for one repository: leases (a {@link
 * Database#readLease() read lease}, so that {@code ReadReplicas} serve them), statements, reading
 * rows with the repository's {@link Mapping}, exception translation, {@code Stream} and {@link
 * Page}. The generated query method gives the {@link Query} and a {@link Binder}. Not for users.
 */
final class QueryRunner<E> {
  private final Database database;
  private final Mapping<E> mapping;

  QueryRunner(Database database, Mapping<E> mapping) {
    this.database = database;
    this.mapping = mapping;
  }

  List<E> list(Query query, Binder binder, Sort sort, Limit limit, int[] sizes) {
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement = prepareRows(lease, query, binder, sort, limit, sizes);
        ResultSet resultSet = statement.executeQuery()) {
      Reader<E> reader = reader(query, resultSet, lease.dialect());
      List<E> rows = new ArrayList<>();
      while (resultSet.next()) {
        rows.add(reader.read(resultSet));
      }
      return rows;
    } catch (SQLException e) {
      throw database.failure(query.description(), e);
    }
  }

  /** The one row, empty for none; more than one is a {@link NonUniqueResultException}. */
  Optional<E> optional(Query query, Binder binder, int[] sizes) {
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement = prepareRows(lease, query, binder, null, null, sizes)) {
      statement.setMaxRows(2);
      try (ResultSet resultSet = statement.executeQuery()) {
        if (!resultSet.next()) {
          return Optional.empty();
        }
        E row = reader(query, resultSet, lease.dialect()).read(resultSet);
        if (resultSet.next()) {
          throw new NonUniqueResultException(query.description() + " matched more than one row,"
              + " but its return type holds one: declare it to return a List, narrow its criteria,"
              + " or use findFirst…By");
        }
        return Optional.of(row);
      }
    } catch (SQLException e) {
      throw database.failure(query.description(), e);
    }
  }

  E one(Query query, Binder binder, int[] sizes) {
    return optional(query, binder, sizes).orElseThrow(() -> new NoSuchElementException(
        query.description() + " matched no row; declare it to return Optional to allow none"));
  }

  long count(Query query, Binder binder, int[] sizes) {
    try (ConnectionLease lease = database.readLease()) {
      return count(lease, query, binder, sizes);
    } catch (SQLException e) {
      throw database.failure(query.description(), e);
    }
  }

  private long count(ConnectionLease lease, Query query, Binder binder, int[] sizes)
      throws SQLException {
    Dialect dialect = lease.dialect();
    try (PreparedStatement statement = lease.connection().prepareStatement(query.count(dialect, sizes))) {
      binder.bind(statement, dialect);
      try (ResultSet resultSet = statement.executeQuery()) {
        if (!resultSet.next()) {
          throw new SQLException(query.description() + " returned no row to count");
        }
        long count = resultSet.getLong(1);
        if (resultSet.wasNull()) {
          throw new SQLException(query.description() + " returned NULL as its count");
        }
        if (query.isSql() && resultSet.next()) {
          throw new NonUniqueResultException(query.description()
              + " returned more than one row, but a count is one number: select COUNT(*) alone");
        }
        return count;
      }
    }
  }

  /** {@link #count}, as an {@code int}; a count beyond its range is an exception, not a wrapped number. */
  int countInt(Query query, Binder binder, int[] sizes) {
    long count = count(query, binder, sizes);
    if (count > Integer.MAX_VALUE || count < Integer.MIN_VALUE) {
      throw new ArithmeticException(query.description() + " counted " + count
          + " rows, more than an int holds: declare it to return long");
    }
    return (int) count;
  }

  boolean exists(Query query, Binder binder, int[] sizes) {
    try (ConnectionLease lease = database.readLease();
        PreparedStatement statement =
            lease.connection().prepareStatement(query.exists(lease.dialect(), sizes))) {
      binder.bind(statement, lease.dialect());
      statement.setMaxRows(1);
      try (ResultSet resultSet = statement.executeQuery()) {
        return resultSet.next();
      }
    } catch (SQLException e) {
      throw database.failure(query.description(), e);
    }
  }

  Page<E> page(Query query, Binder binder, PageRequest request, Sort sort, int[] sizes) {
    Objects.requireNonNull(request, "pageRequest");
    Limit limit = Limit.of(request.size(), request.offset());
    try (ConnectionLease lease = database.readLease()) {
      List<E> content = new ArrayList<>();
      try (PreparedStatement statement = prepareRows(lease, query, binder, sort, limit, sizes);
          ResultSet resultSet = statement.executeQuery()) {
        Reader<E> reader = reader(query, resultSet, lease.dialect());
        while (resultSet.next()) {
          content.add(reader.read(resultSet));
        }
      }
      long total;
      if (!content.isEmpty() && content.size() < request.size()) {
        total = request.offset() + content.size(); // the last page: it shows the total
      } else {
        total = count(lease, query, binder, sizes);
      }
      return new Page<>(content, total, request.page(), request.size());
    } catch (SQLException e) {
      throw database.failure(query.description(), e);
    }
  }

  /**
   * The rows as a stream that holds its connection until it is closed (or read to its end): use
   * it in try-with-resources.
   */
  Stream<E> stream(Query query, Binder binder, Sort sort, Limit limit, int[] sizes) {
    ConnectionLease lease = null;
    PreparedStatement statement = null;
    ResultSet resultSet = null;
    try {
      lease = database.readLease();
      statement = prepareRows(lease, query, binder, sort, limit, sizes);
      resultSet = statement.executeQuery();
      Rows<E> rows = new Rows<>(query, database, lease, statement, resultSet,
          reader(query, resultSet, lease.dialect()));
      return StreamSupport.stream(rows, false).onClose(rows::close);
    } catch (SQLException | RuntimeException e) {
      RuntimeException failure = e instanceof SQLException sql
          ? database.failure(query.description(), sql) : (RuntimeException) e;
      closeAll(failure, resultSet, statement, lease);
      throw failure;
    }
  }

  /** Maps a row fetched by the caller's own SQL, by column label. */
  E fromRow(Query query, ResultSet resultSet) {
    Objects.requireNonNull(resultSet, "resultSet");
    try {
      Dialect dialect = resultSet.getStatement() == null ? database.dialect()
          : Dialect.of(resultSet.getStatement().getConnection());
      return reader(query, resultSet, dialect).read(resultSet);
    } catch (SQLException e) {
      throw new DataAccessException("reading a row of " + query.description(), e);
    }
  }

  private PreparedStatement prepareRows(ConnectionLease lease, Query query, Binder binder, Sort sort,
      Limit limit, int[] sizes) throws SQLException {
    Dialect dialect = lease.dialect();
    PreparedStatement statement =
        lease.connection().prepareStatement(query.rows(dialect, sort, limit != null, sizes));
    try {
      int index = binder.bind(statement, dialect);
      if (limit != null) {
        int max = query.first() > 0 ? Math.min(query.first(), limit.maxRows()) : limit.maxRows();
        statement.setInt(index, max);
        statement.setLong(index + 1, limit.offset());
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      closeAll(e, statement);
      throw e;
    }
  }

  /** Reads rows: in the order of SCHEMA for derived queries, by column label for {@code @Sql}. */
  private interface Reader<E> {
    E read(ResultSet resultSet) throws SQLException;
  }

  private Reader<E> reader(Query query, ResultSet resultSet, Dialect dialect) throws SQLException {
    if (!query.isSql()) {
      return rs -> mapping.read(rs, dialect);
    }
    ResultSetMetaData meta = resultSet.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    int[] at = Query.positions(query, dialect, labels);
    boolean inOrder = true;
    for (int i = 0; i < at.length; i++) {
      inOrder &= at[i] == i + 1;
    }
    return inOrder ? rs -> mapping.read(rs, dialect) : rs -> mapping.read(rs, dialect, at);
  }

  private static void closeAll(Throwable failure, AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception suppressed) {
          failure.addSuppressed(suppressed);
        }
      }
    }
  }

  /** The spliterator of {@link #stream}: one row per advance; closes everything at the end. */
  private static final class Rows<E> extends Spliterators.AbstractSpliterator<E> {
    private final Query query;
    private final Database database;
    private final ConnectionLease lease;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final Reader<E> reader;
    private boolean closed;

    Rows(Query query, Database database, ConnectionLease lease, PreparedStatement statement,
        ResultSet resultSet, Reader<E> reader) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.query = query;
      this.database = database;
      this.lease = lease;
      this.statement = statement;
      this.resultSet = resultSet;
      this.reader = reader;
    }

    @Override
    public boolean tryAdvance(Consumer<? super E> action) {
      if (closed) {
        return false;
      }
      E row;
      try {
        if (!resultSet.next()) {
          close();
          return false;
        }
        row = reader.read(resultSet);
      } catch (SQLException e) {
        DataAccessException failure = database.failure(query.description(), e);
        closeAll(failure, resultSet, statement, lease);
        closed = true;
        throw failure;
      }
      action.accept(row);
      return true;
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      DataAccessException failure = new DataAccessException("closing the stream of "
          + query.description());
      closeAll(failure, resultSet, statement, lease);
      if (failure.getSuppressed().length > 0) {
        throw failure;
      }
    }
  }
}
