package dev.optilock.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What each approach of {@link BatchBenchmark} sends to the database and how it ends, without
 * timing: it runs every benchmark method once, on 1,000 rows, with and without stale rows, through
 * a {@code DataSource} whose connections and statements count the JDBC calls made on them. It prints
 * the calls (statements prepared, executed one by one, added to a batch, batches and their row
 * counts, commits and rollbacks), the outcome (the conflicts reported, or the exception), what the
 * caller's copies hold afterwards, and the result of the benchmark's own invocation check on the
 * table. With stale rows, it then saves the caller's copy of the first stale row again on its own,
 * as a caller who handles the failure one row at a time might, and shows what the row holds. This
 * is where the docs' description of each library's batch path comes from.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.optilock.benchmarks.BatchStatements [sqlite|postgresql ...]
 * </pre>
 *
 * System property {@code rows} (default 1000) sets the batch size.
 */
public final class BatchStatements {
  private BatchStatements() {}

  public static void main(String[] args) throws SQLException {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    int rows = Integer.getInteger("rows", 1000);
    List<String> databases = args.length > 0 ? List.of(args) : List.of("sqlite", "postgresql");
    for (String db : databases) {
      for (BatchBenchmark.Approach approach : BatchBenchmark.Approach.values()) {
        if (approach == BatchBenchmark.Approach.JDBC_SINGLE_STATEMENT && !db.equals("postgresql")) {
          continue; // PostgreSQL's floor only
        }
        for (String stale : List.of("1%", "0")) {
          run(db, rows, stale, approach);
        }
      }
    }
  }

  private static void run(String db, int rows, String stale, BatchBenchmark.Approach approach)
      throws SQLException {
    BatchBenchmark benchmark = new BatchBenchmark();
    benchmark.db = db;
    benchmark.rows = rows;
    benchmark.stale = stale;
    JdbcCalls calls = new JdbcCalls();
    benchmark.open(approach, calls::wrap);
    try {
      benchmark.restore();
      calls.clear();
      benchmark.run();
      String counted = calls.toString();
      String check;
      try {
        benchmark.check();
        check = "passed";
      } catch (IllegalStateException e) {
        check = "FAILED: " + e.getMessage();
      }
      System.out.printf("%s, %d rows, stale %s: %s%n", db, rows, stale, approach);
      System.out.println("  JDBC calls: " + counted);
      System.out.println(
          "  outcome:    "
              + (benchmark.thrown == null
                  ? "returned, conflicts reported: " + summary(benchmark.reported)
                  : "threw " + benchmark.thrown.getClass().getName() + ": "
                      + benchmark.thrown.getMessage()));
      System.out.println("  caller's copy afterwards: " + benchmark.callersCopyAfterRun());
      System.out.println("  check:      " + check);
      if (!stale.equals("0")
          && approach != BatchBenchmark.Approach.JDBC_ROW_BY_ROW
          && approach != BatchBenchmark.Approach.JDBC_BATCH) {
        System.out.println(
            "  the copy of the first stale row saved again on its own: "
                + benchmark.saveFirstStaleCopyAgain());
      }
    } finally {
      benchmark.tearDown();
    }
  }

  private static String summary(List<Long> ids) {
    if (ids == null) {
      return "none";
    }
    return ids.size() <= 12 ? ids.size() + " " + ids : ids.size() + " rows";
  }

  /** Counts the calls made on the connections of a data source and on their statements. */
  static final class JdbcCalls {
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private int zeroCounts;

    void clear() {
      counts.clear();
      batchSizes.clear();
      zeroCounts = 0;
    }

    DataSource wrap(DataSource dataSource) {
      return (DataSource)
          Proxy.newProxyInstance(
              BatchStatements.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                Object result = call(dataSource, method, args);
                return result instanceof Connection connection
                    ? proxy(connection, Connection.class)
                    : result;
              });
    }

    private <T> Object proxy(T target, Class<T> type) {
      return Proxy.newProxyInstance(
          BatchStatements.class.getClassLoader(),
          new Class<?>[] {type},
          (proxy, method, args) -> {
            count(method, args);
            Object result = call(target, method, args);
            if (result instanceof int[] updateCounts && method.getName().equals("executeBatch")) {
              batchSizes.add(updateCounts.length);
              for (int updateCount : updateCounts) {
                if (updateCount == 0) {
                  zeroCounts++;
                }
              }
            }
            if (result instanceof PreparedStatement statement) {
              return proxy(statement, PreparedStatement.class);
            }
            if (result instanceof Statement statement) {
              return proxy(statement, Statement.class);
            }
            return result;
          });
    }

    private void count(Method method, Object[] args) {
      String name = method.getName();
      if (name.startsWith("execute")
          || name.startsWith("prepare")
          || name.equals("createStatement")
          || name.equals("addBatch")
          || name.equals("commit")
          || name.equals("rollback")
          || name.equals("setSavepoint")) {
        counts.merge(name, 1, Integer::sum);
      } else if (name.equals("setAutoCommit")) {
        counts.merge(name + "(" + args[0] + ")", 1, Integer::sum);
      }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(counts.toString());
      if (!batchSizes.isEmpty()) {
        int rows = batchSizes.stream().mapToInt(Integer::intValue).sum();
        text.append(", batches: ")
            .append(batchSizes.size())
            .append(" holding ")
            .append(rows)
            .append(" statements (largest ")
            .append(batchSizes.stream().mapToInt(Integer::intValue).max().orElse(0))
            .append("), of which ")
            .append(zeroCounts)
            .append(" changed no row");
      }
      return text.toString();
    }
  }
}
