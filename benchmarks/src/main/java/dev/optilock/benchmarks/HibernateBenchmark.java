package dev.optilock.benchmarks;

import dev.optilock.benchmarks.hibernate.HibernateItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hibernate ORM with {@code @Version}, the usual way: a {@code Session} and a transaction per call.
 * The update merges the detached entity the state holds (Hibernate loads the row, checks the
 * version, and at commit writes {@code UPDATE ... WHERE id = ? AND version = ?}): two statements.
 */
public class HibernateBenchmark extends AbstractHibernateBenchmark {
  @Benchmark
  public void update(Blackhole blackhole) {
    int row = nextRow();
    HibernateItem detached = items[row];
    detached.modify();
    HibernateItem stored = sessionFactory.fromTransaction(session -> session.merge(detached));
    items[row] = stored;
    blackhole.consume(stored);
  }

  @Benchmark
  public void insert(Blackhole blackhole) {
    HibernateItem item = new HibernateItem(nextNewId(), Names.next(0), 0);
    sessionFactory.inTransaction(session -> session.persist(item));
    blackhole.consume(item);
  }

  @Benchmark
  public void findById(Blackhole blackhole) {
    long id = nextRow() + 1;
    HibernateItem item = sessionFactory.fromSession(session -> session.find(HibernateItem.class, id));
    if (item == null) {
      throw new IllegalStateException("no row " + id);
    }
    blackhole.consume(item);
  }
}
