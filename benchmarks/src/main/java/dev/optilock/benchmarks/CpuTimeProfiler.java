package dev.optilock.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark threads spent per operation, from {@link ThreadMXBean}: {@code
 * cpu.time.per.op} in microseconds. Use with {@code -prof dev.optilock.benchmarks.CpuTimeProfiler}.
 *
 * <p>Throughput measures wall-clock time, which on a machine shared with other work also counts the
 * time the benchmark thread waited for a core. CPU time does not: it is what the library, the driver
 * and (for SQLite, which runs in the calling thread) the database engine cost the caller. It does
 * not count the PostgreSQL server's own work or the network round trip.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Map<Long, Long> before = Map.of();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation (ThreadMXBean)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long spent = 0;
    for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
      spent += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
    }
    // Every operation the workers ran in the iteration, measured or not: the CPU time covers them all.
    long operations = result.getMetadata().getAllOps();
    double microsPerOp = operations == 0 ? Double.NaN : spent / 1000.0 / operations;
    return List.of(
        new ScalarResult("cpu.time.per.op", microsPerOp, "us/op", AggregationPolicy.AVG));
  }

  private static Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().contains("jmh-worker")) {
        long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
        if (cpu >= 0) {
          times.put(thread.getThreadId(), cpu);
        }
      }
    }
    return times;
  }
}
