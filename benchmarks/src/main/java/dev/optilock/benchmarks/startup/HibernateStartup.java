package dev.optilock.benchmarks.startup;

import dev.optilock.benchmarks.Db;
import dev.optilock.benchmarks.hibernate.Hibernate;
import dev.optilock.benchmarks.hibernate.HibernateItem;
import org.hibernate.SessionFactory;

/**
 * Hibernate's start-up: from a cold JVM, build the session factory (the same settings as the JMH
 * benchmarks), then in one transaction load row 1, change it, and commit (a versioned UPDATE).
 * Argument: {@code sqlite} (default) or {@code postgresql}.
 */
public final class HibernateStartup {
  private HibernateStartup() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.jboss.logging.provider", "slf4j"); // slf4j-nop: no log output
    Db db = Db.of(args.length > 0 ? args[0] : "sqlite");
    var dataSource = db.plain();
    StartupTable.prepare(dataSource, db == Db.SQLITE);
    try (SessionFactory sessionFactory = Hibernate.sessionFactory(db, dataSource)) {
      HibernateItem item =
          sessionFactory.fromTransaction(
              session -> {
                HibernateItem loaded = session.find(HibernateItem.class, 1L);
                loaded.modify();
                return loaded;
              });
      System.out.println("hibernate: row 1 at version " + item.getVersion());
    }
  }
}
