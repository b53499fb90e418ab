package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link QueryBenchmark}'s four benchmarks again, interleaved in one JVM over one pool and one
 * table, as {@link PairedUpdate} does for updates: round after round, a block of calls of the
 * derived finder and a block of the same query by hand, the order alternating every round, so that
 * the ratio within a round cancels the drift of a shared machine's load; the median of the
 * per-round ratios is the figure.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.optilock.benchmarks.PairedQuery [sqlite|postgresql ...]
 * </pre>
 *
 * System properties: {@code rounds} (default 30), {@code block} (calls per block, default 500),
 * {@code warmupRounds} (default 10).
 */
public final class PairedQuery {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PairedQuery() {}

  @FunctionalInterface
  private interface Call {
    void run(QueryBenchmark state, Blackhole blackhole) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 30);
    int block = Integer.getInteger("block", 500);
    int warmupRounds = Integer.getInteger("warmupRounds", 10);
    List<String> databases = args.length > 0 ? List.of(args) : List.of("sqlite", "postgresql");
    Blackhole blackhole = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    System.out.printf("interleaved queries: %d rounds of %d calls per side (after %d warm-up rounds)%n",
        rounds, block, warmupRounds);
    for (String name : databases) {
      QueryBenchmark state = new QueryBenchmark();
      state.db = name;
      state.setUp();
      try {
        compare(name, "one row", state, blackhole, QueryBenchmark::finderOneRow,
            QueryBenchmark::jdbcOneRow, rounds, block, warmupRounds);
        compare(name, "page of 20", state, blackhole, QueryBenchmark::finderPageOf20,
            QueryBenchmark::jdbcPageOf20, rounds, block / 5, warmupRounds);
      } finally {
        HikariDataSource pool = state.dataSource;
        state.tearDown();
        if (!pool.isClosed()) {
          pool.close();
        }
      }
    }
  }

  private static void compare(String db, String what, QueryBenchmark state, Blackhole blackhole,
      Call finder, Call jdbc, int rounds, int block, int warmupRounds) throws Exception {
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    double[] finderMicros = new double[rounds];
    double[] jdbcMicros = new double[rounds];
    for (int round = 0; round < warmupRounds + rounds; round++) {
      double[] wallOf = new double[2];
      double[] cpuOf = new double[2];
      for (int turn = 0; turn < 2; turn++) {
        int side = (round + turn) % 2; // 0: finder, 1: hand JDBC; who goes first alternates
        Call call = side == 0 ? finder : jdbc;
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < block; i++) {
          call.run(state, blackhole);
        }
        wallOf[side] = (System.nanoTime() - wallStart) / (double) block;
        cpuOf[side] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) block;
      }
      if (round >= warmupRounds) {
        int r = round - warmupRounds;
        wall[r] = wallOf[0] / wallOf[1];
        cpu[r] = cpuOf[0] / cpuOf[1];
        finderMicros[r] = wallOf[0] / 1000;
        jdbcMicros[r] = wallOf[1] / 1000;
      }
    }
    System.out.printf(Locale.ROOT,
        "%-10s %-10s finder %8.1f us, hand JDBC %8.1f us (medians); finder/JDBC time: median %.3f"
            + " (middle half %.3f-%.3f), CPU %.3f%n",
        db, what, median(finderMicros), median(jdbcMicros), median(wall), quartile(wall, 1),
        quartile(wall, 3), median(cpu));
  }

  private static double median(double[] values) {
    return quartile(values, 2);
  }

  private static double quartile(double[] values, int q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * q / 4)];
  }
}
