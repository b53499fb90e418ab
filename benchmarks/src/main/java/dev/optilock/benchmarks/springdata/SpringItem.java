package dev.optilock.benchmarks.springdata;

import dev.optilock.benchmarks.Names;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * {@code bench_item} as a Spring Data JDBC aggregate: an assigned id and a {@code @Version}
 * counter. A primitive version of 0 means "new", so {@code save} inserts it; any other version
 * makes {@code save} a compare-and-set update.
 */
@Table("bench_item")
public class SpringItem {
  @Id private Long id;
  private String name;
  private long amount;
  @Version private long version;

  public SpringItem() {}

  public SpringItem(long id, String name, long amount) {
    this.id = id;
    this.name = name;
    this.amount = amount;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public long getAmount() {
    return amount;
  }

  public void setAmount(long amount) {
    this.amount = amount;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  /** The same read-modify-write step as {@code BenchItem.modified()}. */
  public void modify() {
    name = Names.next(version);
    amount = amount + 1;
  }
}
