package dev.optilock.benchmarks;

import static dev.optilock.benchmarks.jooq.BenchItemTable.BENCH_ITEM;

import dev.optilock.benchmarks.jooq.BenchItemRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * jOOQ {@code UpdatableRecord}s with {@code executeWithOptimisticLocking} on: {@code update()} of a
 * changed record writes {@code UPDATE ... SET ..., version = ? WHERE id = ? AND version = ?} and
 * throws {@code DataChangedException} when no row matched. Execute logging is off, as it would be
 * in production.
 */
public class JooqBenchmark extends AbstractBenchmark {
  private DSLContext dsl;
  private BenchItemRecord[] items;

  @Setup(Level.Trial)
  public void setUp() {
    openDatabase();
    dsl =
        DSL.using(
            dataSource,
            database == Db.SQLITE ? SQLDialect.SQLITE : SQLDialect.POSTGRES,
            new Settings().withExecuteWithOptimisticLocking(true).withExecuteLogging(false));
    items = dsl.selectFrom(BENCH_ITEM).orderBy(BENCH_ITEM.ID).fetchArray();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifyVersions(row -> items[row].getVersion());
    closeDatabase();
  }

  @Benchmark
  public void update(Blackhole blackhole) {
    BenchItemRecord item = items[nextRow()];
    item.modify();
    blackhole.consume(item.update());
    blackhole.consume(item);
  }

  @Benchmark
  public void insert(Blackhole blackhole) {
    BenchItemRecord item = dsl.newRecord(BENCH_ITEM);
    item.setId(nextNewId()).setName(Names.next(0)).setAmount(0);
    blackhole.consume(item.insert());
    blackhole.consume(item);
  }

  @Benchmark
  public void findById(Blackhole blackhole) {
    long id = nextRow() + 1;
    BenchItemRecord item = dsl.selectFrom(BENCH_ITEM).where(BENCH_ITEM.ID.eq(id)).fetchOne();
    if (item == null) {
      throw new IllegalStateException("no row " + id);
    }
    blackhole.consume(item);
  }
}
