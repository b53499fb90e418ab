package dev.optilock.benchmarks;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * The benchmark entity, as an optilock user writes it: the processor generates {@code
 * BenchItemRepository} next to it. Every library in the benchmarks maps the same table.
 */
@Table("bench_item")
public record BenchItem(@Id long id, String name, long amount, @VersionField long version) {

  /** The read-modify-write step every update benchmark performs: a new name and amount, same version. */
  public BenchItem modified() {
    return new BenchItem(id, Names.next(version), amount + 1, version);
  }
}
