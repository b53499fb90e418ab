package dev.optilock.benchmarks;

import dev.optilock.benchmarks.hibernate.HibernateItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hibernate ORM's closest path to a single compare-and-set statement: a {@code StatelessSession}
 * and a transaction per call; {@code update} of the detached entity writes one {@code UPDATE ...
 * WHERE id = ? AND version = ?} and moves the entity's version on, with no load first.
 */
public class HibernateStatelessBenchmark extends AbstractHibernateBenchmark {
  @Benchmark
  public void update(Blackhole blackhole) {
    HibernateItem item = items[nextRow()];
    item.modify();
    sessionFactory.inStatelessTransaction(session -> session.update(item));
    blackhole.consume(item);
  }

  @Benchmark
  public void insert(Blackhole blackhole) {
    HibernateItem item = new HibernateItem(nextNewId(), Names.next(0), 0);
    sessionFactory.inStatelessTransaction(session -> session.insert(item));
    blackhole.consume(item);
  }

  @Benchmark
  public void findById(Blackhole blackhole) {
    long id = nextRow() + 1;
    HibernateItem item =
        sessionFactory.fromStatelessSession(session -> session.get(HibernateItem.class, id));
    if (item == null) {
      throw new IllegalStateException("no row " + id);
    }
    blackhole.consume(item);
  }
}
