package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.benchmarks.hibernate.Hibernate;
import dev.optilock.benchmarks.hibernate.HibernateItem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hibernate.SessionFactory;

/**
 * The update benchmark again, interleaved in one JVM over one pool and one table: round after
 * round, a block of updates by each library in turn (hand-written JDBC, optilock, Hibernate's
 * StatelessSession, Hibernate's Session), the order rotating every round. On a machine shared with
 * other work the load drifts from minute to minute, and JMH measures each library in its own
 * stretch of time; here each library's block is measured seconds from the others', so the ratio of
 * two libraries within a round cancels the drift, and the median of the per-round ratios is robust.
 *
 * <p>All libraries update the same rotating rows through one array of {@link BenchItem}s, so every
 * compare-and-set succeeds (checked at the end). Hibernate gets a detached entity built from it and
 * hands back the new version, as in {@link HibernateBenchmark} and {@link
 * HibernateStatelessBenchmark}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.optilock.benchmarks.PairedUpdate [sqlite|postgresql ...]
 * </pre>
 *
 * System properties: {@code rounds} (default 30), {@code block} (updates per block, default
 * 1000), {@code warmupRounds} (default 15).
 */
public final class PairedUpdate {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] LIBRARIES = {
    "hand JDBC", "optilock", "Hibernate StatelessSession", "Hibernate Session"
  };

  private PairedUpdate() {}

  @FunctionalInterface
  private interface Updater {
    BenchItem update(BenchItem item) throws SQLException;
  }

  public static void main(String[] args) throws SQLException {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    int rounds = Integer.getInteger("rounds", 30);
    int block = Integer.getInteger("block", 1000);
    int warmupRounds = Integer.getInteger("warmupRounds", 15);
    List<String> databases = args.length > 0 ? List.of(args) : List.of("sqlite", "postgresql");
    System.out.printf(
        "interleaved update: %d rounds of %d updates per library (after %d warm-up rounds)%n",
        rounds, block, warmupRounds);
    for (String name : databases) {
      run(Db.of(name), rounds, block, warmupRounds);
    }
  }

  private static void run(Db db, int rounds, int block, int warmupRounds) throws SQLException {
    db.deleteFiles();
    try (HikariDataSource dataSource = db.pool();
        SessionFactory hibernate = Hibernate.sessionFactory(db, dataSource)) {
      db.reset(dataSource, Db.ROWS);
      BenchItemRepository repository = new BenchItemRepository(dataSource);
      BenchItem[] items = repository.findAll().toArray(BenchItem[]::new);
      Updater[] updaters = {
        item -> handWritten(dataSource, item),
        repository::update,
        item -> {
          HibernateItem detached = toHibernate(item);
          hibernate.inStatelessTransaction(session -> session.update(detached));
          return fromHibernate(detached);
        },
        item -> {
          HibernateItem detached = toHibernate(item);
          return fromHibernate(hibernate.fromTransaction(session -> session.merge(detached)));
        },
      };
      int n = updaters.length;
      int cursor = 0;
      double[][] wall = new double[n][rounds]; // ns per update
      double[][] cpu = new double[n][rounds];
      for (int round = 0; round < warmupRounds + rounds; round++) {
        for (int turn = 0; turn < n; turn++) {
          int library = (turn + round) % n;
          Updater updater = updaters[library];
          long wallStart = System.nanoTime();
          long cpuStart = THREADS.getCurrentThreadCpuTime();
          for (int i = 0; i < block; i++) {
            int row = cursor;
            cursor = row + 1 == Db.ROWS ? 0 : row + 1;
            items[row] = updater.update(items[row].modified());
          }
          if (round >= warmupRounds) {
            wall[library][round - warmupRounds] = (System.nanoTime() - wallStart) / (double) block;
            cpu[library][round - warmupRounds] =
                (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) block;
          }
        }
      }
      verify(repository, items);
      String label = db.name().toLowerCase(Locale.ROOT);
      System.out.printf("== %s%n", label);
      for (int library = 0; library < n; library++) {
        System.out.printf(
            "%-27s median %8.1f us/update wall (%6.0f updates/s), %7.1f us CPU;"
                + " vs hand JDBC: wall %s, CPU %s; optilock vs this: wall %s, CPU %s%n",
            LIBRARIES[library],
            median(wall[library]) / 1000,
            1e9 / median(wall[library]),
            median(cpu[library]) / 1000,
            ratio(wall[library], wall[0]),
            ratio(cpu[library], cpu[0]),
            ratio(wall[library], wall[1]),
            ratio(cpu[library], cpu[1]));
      }
    }
  }

  private static HibernateItem toHibernate(BenchItem item) {
    return HibernateItem.detached(item.id(), item.name(), item.amount(), item.version());
  }

  private static BenchItem fromHibernate(HibernateItem item) {
    return new BenchItem(item.getId(), item.getName(), item.getAmount(), item.getVersion());
  }

  /** The same statement as {@link JdbcBenchmark#update}, on a pooled connection. */
  private static BenchItem handWritten(HikariDataSource dataSource, BenchItem item)
      throws SQLException {
    long expected = item.version();
    long next = expected + 1;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(JdbcBenchmark.UPDATE)) {
      statement.setString(1, item.name());
      statement.setLong(2, item.amount());
      statement.setLong(3, next);
      statement.setLong(4, item.id());
      statement.setLong(5, expected);
      if (statement.executeUpdate() != 1) {
        throw new IllegalStateException("row " + item.id() + " is not at version " + expected);
      }
    }
    return new BenchItem(item.id(), item.name(), item.amount(), next);
  }

  private static void verify(BenchItemRepository repository, BenchItem[] items) {
    List<Long> wrong = new ArrayList<>();
    for (BenchItem item : items) {
      if (repository.findById(item.id()).orElseThrow().version() != item.version()) {
        wrong.add(item.id());
      }
    }
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("rows with unexpected versions: " + wrong);
    }
  }

  /** Median of the per-round ratios a[r] / b[r], with the interquartile range. */
  private static String ratio(double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int r = 0; r < a.length; r++) {
      ratios[r] = a[r] / b[r];
    }
    return String.format(
        Locale.ROOT, "%.3f (IQR %.3f-%.3f)", quartile(ratios, 2), quartile(ratios, 1), quartile(ratios, 3));
  }

  private static double median(double[] values) {
    return quartile(values, 2);
  }

  private static double quartile(double[] values, int q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = (sorted.length - 1) * q / 4.0;
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  }
}
