package dev.optilock.benchmarks.jooq;

import static dev.optilock.benchmarks.jooq.BenchItemTable.BENCH_ITEM;

import dev.optilock.benchmarks.Names;
import org.jooq.impl.UpdatableRecordImpl;

/** The updatable record of {@link BenchItemTable}, with typed accessors. */
public final class BenchItemRecord extends UpdatableRecordImpl<BenchItemRecord> {
  private static final long serialVersionUID = 1L;

  public BenchItemRecord() {
    super(BENCH_ITEM);
  }

  public long getId() {
    return get(BENCH_ITEM.ID);
  }

  public BenchItemRecord setId(long id) {
    set(BENCH_ITEM.ID, id);
    return this;
  }

  public String getName() {
    return get(BENCH_ITEM.NAME);
  }

  public BenchItemRecord setName(String name) {
    set(BENCH_ITEM.NAME, name);
    return this;
  }

  public long getAmount() {
    return get(BENCH_ITEM.AMOUNT);
  }

  public BenchItemRecord setAmount(long amount) {
    set(BENCH_ITEM.AMOUNT, amount);
    return this;
  }

  public long getVersion() {
    return get(BENCH_ITEM.VERSION);
  }

  /** The same read-modify-write step as {@code BenchItem.modified()}. */
  public void modify() {
    setName(Names.next(getVersion()));
    setAmount(getAmount() + 1);
  }
}
