package dev.optilock.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/** optilock: the repository the processor generated for {@link BenchItem}, on the pool. */
public class OptilockBenchmark extends AbstractBenchmark {
  private BenchItemRepository repository;
  private BenchItem[] items;

  @Setup(Level.Trial)
  public void setUp() {
    openDatabase();
    repository = new BenchItemRepository(dataSource);
    items = repository.findAll().toArray(BenchItem[]::new);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifyVersions(row -> items[row].version());
    closeDatabase();
  }

  @Benchmark
  public void update(Blackhole blackhole) {
    int row = nextRow();
    BenchItem stored = repository.update(items[row].modified());
    items[row] = stored;
    blackhole.consume(stored);
  }

  @Benchmark
  public void insert(Blackhole blackhole) {
    blackhole.consume(repository.insert(new BenchItem(nextNewId(), Names.next(0), 0, 0)));
  }

  @Benchmark
  public void findById(Blackhole blackhole) {
    blackhole.consume(repository.findById(nextRow() + 1).orElseThrow());
  }
}
