package dev.optilock.benchmarks;

import dev.optilock.benchmarks.springdata.SpringData;
import dev.optilock.benchmarks.springdata.SpringItem;
import dev.optilock.benchmarks.springdata.SpringItemRepository;
import java.util.Comparator;
import java.util.stream.StreamSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Spring Data JDBC with {@code @Version}: {@code save} of an entity with a non-zero version writes
 * {@code UPDATE ... WHERE id = ? AND version = ?} (and throws {@code
 * OptimisticLockingFailureException} when no row matched); of a version-0 entity, an INSERT.
 */
public class SpringDataJdbcBenchmark extends AbstractBenchmark {
  private AnnotationConfigApplicationContext context;
  private SpringItemRepository repository;
  private SpringItem[] items;

  @Setup(Level.Trial)
  public void setUp() {
    openDatabase();
    context = SpringData.context(dataSource);
    repository = context.getBean(SpringItemRepository.class);
    items =
        StreamSupport.stream(repository.findAll().spliterator(), false)
            .sorted(Comparator.comparing(SpringItem::getId))
            .toArray(SpringItem[]::new);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifyVersions(row -> items[row].getVersion());
    context.close();
    closeDatabase();
  }

  @Benchmark
  public void update(Blackhole blackhole) {
    int row = nextRow();
    SpringItem item = items[row];
    item.modify();
    SpringItem stored = repository.save(item);
    items[row] = stored;
    blackhole.consume(stored);
  }

  @Benchmark
  public void insert(Blackhole blackhole) {
    blackhole.consume(repository.save(new SpringItem(nextNewId(), Names.next(0), 0)));
  }

  @Benchmark
  public void findById(Blackhole blackhole) {
    blackhole.consume(repository.findById(nextRow() + 1L).orElseThrow());
  }
}
