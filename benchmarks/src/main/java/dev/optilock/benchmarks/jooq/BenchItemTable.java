package dev.optilock.benchmarks.jooq;

import org.jooq.Name;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * {@code bench_item} for jOOQ, written by hand the way jOOQ's code generator would write it: a
 * primary key, so that records are updatable, and a record version field, so that {@code
 * executeWithOptimisticLocking} compares versions instead of re-reading the row.
 */
public final class BenchItemTable extends TableImpl<BenchItemRecord> {
  private static final long serialVersionUID = 1L;

  public static final BenchItemTable BENCH_ITEM = new BenchItemTable(DSL.name("bench_item"));

  public final TableField<BenchItemRecord, Long> ID =
      createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false), this);
  public final TableField<BenchItemRecord, String> NAME =
      createField(DSL.name("name"), SQLDataType.VARCHAR(100).nullable(false), this);
  public final TableField<BenchItemRecord, Long> AMOUNT =
      createField(DSL.name("amount"), SQLDataType.BIGINT.nullable(false), this);
  public final TableField<BenchItemRecord, Long> VERSION =
      createField(DSL.name("version"), SQLDataType.BIGINT.nullable(false), this);

  private BenchItemTable(Name name) {
    super(name);
  }

  @Override
  public Class<BenchItemRecord> getRecordType() {
    return BenchItemRecord.class;
  }

  @Override
  public UniqueKey<BenchItemRecord> getPrimaryKey() {
    return Internal.createUniqueKey(this, DSL.name("bench_item_pkey"), ID);
  }

  @Override
  public TableField<BenchItemRecord, Long> getRecordVersion() {
    return VERSION;
  }
}
