package dev.optilock.benchmarks;

import dev.optilock.Queries;
import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import java.util.Optional;

/** The derived finders {@link QueryBenchmark} measures; {@code BenchItemRepository} implements them. */
@Queries(BenchItem.class)
public interface BenchItemQueries {
  /** One row, by a unique (after {@link QueryBenchmark}'s set-up) indexed column. */
  Optional<BenchItem> findByAmount(long amount);

  /** A page of 20 rows and the total. */
  Page<BenchItem> findByAmountGreaterThanOrderByAmount(long amount, PageRequest page);
}
