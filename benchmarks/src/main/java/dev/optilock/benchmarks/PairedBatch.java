package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The batch benchmark interleaved in one JVM (issue 17): round after round, the same batch of
 * {@code rows} compare-and-set updates by each approach in turn, the order rotating every round,
 * the table restored (not timed) before each. Every {@value BatchBenchmark#STALE_EVERY}th row is
 * stale (1%), and the conflicts each approach reports are checked against the stale ids, and the
 * table against what it claims to have written. Approaches:
 *
 * <ul>
 *   <li>{@code optilock updateAll}: {@code BenchItemRepository.updateAll(rows, SKIP_CONFLICTS)};
 *   <li>{@code hand JDBC batch}: {@link #jdbcBatch}, the same UPDATE as one JDBC batch in one
 *       transaction, the conflicts the rows whose count is 0;
 *   <li>{@code hand single statement} (PostgreSQL only): {@link #singleStatement}, one {@code
 *       UPDATE ... FROM unnest(...) ... RETURNING t.id} of the whole batch, the conflicts the ids
 *       it did not return: the floor on PostgreSQL.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.optilock.benchmarks.PairedBatch [sqlite|postgresql ...]
 * </pre>
 *
 * System properties: {@code rounds} (default 16), {@code warmupRounds} (default 4, and at least
 * as many as make 1,000,000 rows), {@code sizes} (default {@code 1000,10000,100000}).
 */
public final class PairedBatch {
  /** The hand-written single statement of the whole batch, PostgreSQL's floor. */
  static final String SINGLE_STATEMENT =
      "UPDATE bench_item t SET name = u.name, amount = u.amount, version = u.version + 1"
          + " FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[]) AS u(id, name, amount, version)"
          + " WHERE t.id = u.id AND t.version = u.version RETURNING t.id";

  private PairedBatch() {}

  @FunctionalInterface
  private interface Approach {
    /** Runs the batch; returns the ids reported as conflicts, ascending. */
    List<Long> run(List<BenchItem> batch) throws SQLException;
  }

  public static void main(String[] args) throws SQLException {
    int rounds = Integer.getInteger("rounds", 16);
    int warmupRounds = Integer.getInteger("warmupRounds", 4);
    int[] sizes = Arrays.stream(System.getProperty("sizes", "1000,10000,100000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    List<String> databases = args.length > 0 ? List.of(args) : List.of("sqlite", "postgresql");
    System.out.printf("interleaved batch update, 1%% stale, SKIP_CONFLICTS: %d rounds"
        + " (after at least %d warm-up rounds and 1,000,000 rows per approach), medians%n",
        rounds, warmupRounds);
    for (String name : databases) {
      for (int rows : sizes) {
        run(Db.of(name), rows, rounds, warmupRounds);
      }
    }
  }

  private static void run(Db db, int rows, int rounds, int minimumWarmupRounds)
      throws SQLException {
    // at least 1,000,000 rows of warm-up per approach, so that every approach is measured once the
    // JIT has compiled all of its path: with 100,000 rows, optilock's longer path (validation,
    // conflicts, results) was still being compiled during the measured rounds, which put SQLite's
    // 10,000-row ratio at 1.13x-1.17x where its steady state is 1.06x-1.08x
    int warmupRounds = Math.max(minimumWarmupRounds, 1_000_000 / rows);
    db.deleteFiles();
    try (HikariDataSource dataSource = db.pool()) {
      db.reset(dataSource, rows);
      BenchItemRepository repository = new BenchItemRepository(dataSource);
      List<BenchItem> batch = new ArrayList<>(rows);
      List<Long> stale = new ArrayList<>();
      for (long id = 1; id <= rows; id++) {
        batch.add(new BenchItem(id, Names.next(0), 0, 1).modified());
        if (id % BatchBenchmark.STALE_EVERY == 0) {
          stale.add(id);
        }
      }
      List<String> names = new ArrayList<>(List.of("optilock updateAll", "hand JDBC batch"));
      List<Approach> approaches = new ArrayList<>(List.of(
          items -> optilock(repository, items),
          items -> jdbcBatch(dataSource, items)));
      if (db == Db.POSTGRESQL) {
        names.add("hand single statement");
        approaches.add(items -> singleStatement(dataSource, items));
      }
      int n = approaches.size();
      double[][] millis = new double[n][rounds];
      for (int round = 0; round < warmupRounds + rounds; round++) {
        for (int turn = 0; turn < n; turn++) {
          int approach = (turn + round) % n;
          restore(db, dataSource);
          long start = System.nanoTime();
          List<Long> conflicts = approaches.get(approach).run(batch);
          long elapsed = System.nanoTime() - start;
          check(dataSource, names.get(approach), conflicts, stale, batch.get(0), rows);
          if (round >= warmupRounds) {
            millis[approach][round - warmupRounds] = elapsed / 1e6;
          }
        }
      }
      int floor = n - 1; // the single statement on PostgreSQL, else the hand batch
      System.out.printf("== %s, %,d rows%n", db.name().toLowerCase(Locale.ROOT), rows);
      for (int approach = 0; approach < n; approach++) {
        System.out.printf(Locale.ROOT, "%-22s median %9.2f ms; vs hand JDBC batch: %s; vs %s: %s%n",
            names.get(approach), median(millis[approach]), ratio(millis[approach], millis[1]),
            names.get(floor), ratio(millis[approach], millis[floor]));
      }
    }
  }

  /** Every row back at version 1, the stale ones at version 2, as {@link BatchBenchmark#restore}. */
  private static void restore(Db db, HikariDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE bench_item SET version = CASE WHEN id % "
          + BatchBenchmark.STALE_EVERY + " = 0 THEN 2 ELSE 1 END, name = 'alpha', amount = 0");
      if (db == Db.POSTGRESQL) {
        statement.execute("VACUUM bench_item");
      }
    }
  }

  private static List<Long> optilock(BenchItemRepository repository, List<BenchItem> batch) {
    BatchResult<BenchItem> result = repository.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    List<Long> ids = new ArrayList<>(result.conflicts().size());
    for (Conflict<BenchItem> conflict : result.conflicts()) {
      ids.add((Long) conflict.id());
    }
    if (result.updated().size() + ids.size() != batch.size()) {
      throw new IllegalStateException("updateAll wrote " + result.updated().size() + " rows");
    }
    return ids;
  }

  /**
   * The hand-written JDBC batch, one transaction, the ids of the rows that did not match: the
   * baseline of this runner and of {@link BatchBenchmark#jdbcBatch}.
   */
  static List<Long> jdbcBatch(javax.sql.DataSource dataSource, List<BenchItem> batch)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      // MariaDB quotes names with backticks (optilock's MariaDB dialect does the same)
      String update = connection.getMetaData().getURL().startsWith("jdbc:mariadb:")
          ? JdbcBenchmark.UPDATE.replace('"', '`') : JdbcBenchmark.UPDATE;
      try (PreparedStatement statement = connection.prepareStatement(update)) {
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
            throw new IllegalStateException("row " + batch.get(i).id() + ": count " + counts[i]);
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
    return ids;
  }

  /**
   * The hand-written single statement ({@link #SINGLE_STATEMENT}), auto-committed: the ids it
   * returns were written, the others are the conflicts.
   */
  static List<Long> singleStatement(javax.sql.DataSource dataSource, List<BenchItem> batch)
      throws SQLException {
    int n = batch.size();
    Long[] ids = new Long[n];
    String[] names = new String[n];
    Long[] amounts = new Long[n];
    Long[] versions = new Long[n];
    for (int i = 0; i < n; i++) {
      BenchItem item = batch.get(i);
      ids[i] = item.id();
      names[i] = item.name();
      amounts[i] = item.amount();
      versions[i] = item.version();
    }
    BitSet written = new BitSet();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SINGLE_STATEMENT)) {
      Array[] arrays = {
        connection.createArrayOf("bigint", ids),
        connection.createArrayOf("text", names),
        connection.createArrayOf("bigint", amounts),
        connection.createArrayOf("bigint", versions),
      };
      for (int p = 0; p < arrays.length; p++) {
        statement.setArray(p + 1, arrays[p]);
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        while (resultSet.next()) {
          written.set((int) resultSet.getLong(1));
        }
      }
    }
    List<Long> conflicts = new ArrayList<>();
    for (BenchItem item : batch) {
      if (!written.get((int) item.id())) {
        conflicts.add(item.id());
      }
    }
    return conflicts;
  }

  /** The reported conflicts are the stale rows; every other row holds the batch's values. */
  private static void check(HikariDataSource dataSource, String approach, List<Long> conflicts,
      List<Long> stale, BenchItem written, int rows) throws SQLException {
    List<Long> sorted = new ArrayList<>(conflicts);
    sorted.sort(null);
    if (!sorted.equals(stale)) {
      throw new IllegalStateException(approach + " reported " + sorted.size()
          + " conflicts, expected " + stale.size());
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT COUNT(*) FROM bench_item WHERE version = 2 AND name = ? AND amount = ?")) {
      statement.setString(1, written.name());
      statement.setLong(2, written.amount());
      try (ResultSet resultSet = statement.executeQuery()) {
        resultSet.next();
        if (resultSet.getLong(1) != rows - stale.size()) {
          throw new IllegalStateException(approach + " wrote " + resultSet.getLong(1) + " rows");
        }
      }
    }
  }

  /** Median of the per-round ratios a[r] / b[r]. */
  private static String ratio(double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int r = 0; r < a.length; r++) {
      ratios[r] = a[r] / b[r];
    }
    return String.format(Locale.ROOT, "%.2fx", median(ratios));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
