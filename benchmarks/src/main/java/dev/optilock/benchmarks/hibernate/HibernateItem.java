package dev.optilock.benchmarks.hibernate;

import dev.optilock.benchmarks.Names;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** {@code bench_item} as a Hibernate entity: an assigned id and a {@code @Version} counter. */
@Entity
@Table(name = "bench_item")
public class HibernateItem {
  @Id
  @Column(name = "id")
  private Long id;

  @Column(name = "name", nullable = false, length = 100)
  private String name;

  @Column(name = "amount", nullable = false)
  private long amount;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected HibernateItem() {}

  public HibernateItem(long id, String name, long amount) {
    this.id = id;
    this.name = name;
    this.amount = amount;
  }

  /** A detached copy of a row as another library read it: what {@code merge} and {@code update} take. */
  public static HibernateItem detached(long id, String name, long amount, long version) {
    HibernateItem item = new HibernateItem(id, name, amount);
    item.version = version;
    return item;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public long getAmount() {
    return amount;
  }

  public long getVersion() {
    return version;
  }

  /** The same read-modify-write step as {@code BenchItem.modified()}. */
  public void modify() {
    name = Names.next(version);
    amount = amount + 1;
  }

  public void setName(String name) {
    this.name = name;
  }
}
