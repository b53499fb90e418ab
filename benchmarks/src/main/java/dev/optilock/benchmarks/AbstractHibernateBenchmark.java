package dev.optilock.benchmarks;

import dev.optilock.benchmarks.hibernate.Hibernate;
import dev.optilock.benchmarks.hibernate.HibernateItem;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the two Hibernate benchmarks share: a {@link SessionFactory} over the trial's pool, and the
 * seeded rows as detached entities, whose versions the tear-down checks against the table.
 */
public abstract class AbstractHibernateBenchmark extends AbstractBenchmark {
  protected SessionFactory sessionFactory;
  protected HibernateItem[] items;

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
}
