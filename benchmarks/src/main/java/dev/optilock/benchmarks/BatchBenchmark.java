package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, item 2: a batch compare-and-set update of {@code rows} rows, 1% of which are stale (the
 * caller's copy has version 1, the database already has version 2, as if another writer had got
 * there first), measured three ways in the same run:
 *
 * <ul>
 *   <li>{@code optilockUpdateAll}: the generated {@code BenchItemRepository.updateAll(rows,
 *       SKIP_CONFLICTS)}: one transaction, one JDBC batch, then one SELECT of the rows whose count
 *       was 0 to describe the conflicts;
 *   <li>{@code jdbcRowByRow}: the same UPDATE written by hand, one {@code executeUpdate} per row,
 *       each auto-committed, the count of each checked. One connection and one {@code
 *       PreparedStatement} serve the whole loop, the fastest way to go row by row;
 *   <li>{@code jdbcBatch}: the same UPDATE written by hand as one JDBC batch ({@code addBatch},
 *       {@code executeBatch}) in one transaction; the conflicts are the rows whose count is 0.
 * </ul>
 *
 * <p>Every approach returns the ids it found in conflict. Before each invocation one bulk UPDATE puts
 * every row back at version 1, the stale ones at version 2 (plus a {@code VACUUM} on PostgreSQL, so
 * that dead tuples do not pile up between invocations), so every invocation does the same work.
 * After each invocation the tear-down checks that the approach reported exactly the stale rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BatchBenchmark {
  static {
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }

  /** Every STALE_EVERY-th row (ids 100, 200, …) is stale: 1% of the batch. */
  static final int STALE_EVERY = 100;

  @Param({"sqlite", "postgresql"})
  public String db;

  @Param({"1000", "10000"})
  public int rows;

  private Db database;
  private HikariDataSource dataSource;
  private BenchItemRepository repository;
  /** The caller's copies: every row modified, at version 1. */
  private List<BenchItem> batch;
  private List<Long> expectedConflicts;
  /** What the last invocation reported as conflicts, checked by the invocation tear-down. */
  private List<Long> reported;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = Db.of(db);
    database.deleteFiles();
    dataSource = database.pool();
    database.reset(dataSource, rows);
    repository = new BenchItemRepository(dataSource);
    batch = new ArrayList<>(rows);
    expectedConflicts = new ArrayList<>();
    for (long id = 1; id <= rows; id++) {
      batch.add(new BenchItem(id, Names.next(0), 0, 1).modified());
      if (id % STALE_EVERY == 0) {
        expectedConflicts.add(id);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  /** One bulk UPDATE: every row at version 1 except the stale ones, which another writer moved on. */
  @Setup(Level.Invocation)
  public void restore() throws SQLException {
    reported = null;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE bench_item SET version = CASE WHEN id % "
              + STALE_EVERY
              + " = 0 THEN 2 ELSE 1 END, name = 'alpha', amount = 0");
      if (database == Db.POSTGRESQL) {
        statement.execute("VACUUM bench_item");
      }
    }
  }

  /** Each approach must have identified exactly the stale rows, no more, no fewer. */
  @TearDown(Level.Invocation)
  public void check() {
    if (!expectedConflicts.equals(reported)) {
      throw new IllegalStateException(
          "expected conflicts "
              + expectedConflicts.size()
              + " rows "
              + expectedConflicts
              + ", the benchmark reported "
              + (reported == null ? "nothing" : reported.size() + " rows " + reported));
    }
  }

  @Benchmark
  public List<Long> optilockUpdateAll() {
    BatchResult<BenchItem> result = repository.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    List<Long> ids = new ArrayList<>(result.conflicts().size());
    for (Conflict<BenchItem> conflict : result.conflicts()) {
      ids.add((Long) conflict.id());
    }
    if (result.updated().size() + ids.size() != rows) {
      throw new IllegalStateException("updateAll wrote " + result.updated().size() + " rows");
    }
    reported = ids;
    return ids;
  }

  @Benchmark
  public List<Long> jdbcRowByRow() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(JdbcBenchmark.UPDATE)) {
      for (BenchItem item : batch) {
        statement.setString(1, item.name());
        statement.setLong(2, item.amount());
        statement.setLong(3, item.version() + 1);
        statement.setLong(4, item.id());
        statement.setLong(5, item.version());
        int count = statement.executeUpdate(); // auto-committed
        if (count == 0) {
          ids.add(item.id());
        } else if (count != 1) {
          throw new IllegalStateException("row " + item.id() + ": " + count + " rows changed");
        }
      }
    }
    reported = ids;
    return ids;
  }

  @Benchmark
  public List<Long> jdbcBatch() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(JdbcBenchmark.UPDATE)) {
        for (BenchItem item : batch) {
          statement.setString(1, item.name());
          statement.setLong(2, item.amount());
          statement.setLong(3, item.version() + 1);
          statement.setLong(4, item.id());
          statement.setLong(5, item.version());
          statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            ids.add(batch.get(i).id());
          } else if (counts[i] != 1) {
            throw new IllegalStateException(
                "row " + batch.get(i).id() + ": count " + counts[i] + ", conflicts unknown");
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    reported = ids;
    return ids;
  }
}
