package dev.optilock.benchmarks;

import dev.optilock.benchmarks.hibernate.Hibernate;
import dev.optilock.benchmarks.hibernate.HibernateItem;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hibernate ORM's closest path to a single compare-and-set statement: a {@code StatelessSession}
 * and a transaction per call; {@code update} of the detached entity writes one {@code UPDATE ...
 * WHERE id = ? AND version = ?} and moves the entity's version on, with no load first.
 */
public class HibernateStatelessBenchmark extends AbstractBenchmark {
  private SessionFactory sessionFactory;
  private HibernateItem[] items;

  @Setup(Level.Trial)
  public void setUp() {
    openDatabase();
    sessionFactory = Hibernate.sessionFactory(database, dataSource);
    items =
        sessionFactory
            .fromStatelessSession(
                session ->
                    session
                        .createSelectionQuery("from HibernateItem order by id", HibernateItem.class)
                        .getResultList())
            .toArray(HibernateItem[]::new);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifyVersions(row -> items[row].getVersion());
    sessionFactory.close();
    closeDatabase();
  }

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
