package dev.optilock.benchmarks.hibernate;

import dev.optilock.benchmarks.Db;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * Builds the Hibernate {@link SessionFactory} the benchmarks use: the given data source, no
 * second-level or query cache, no schema management, no statistics, and no statement batching
 * unless a batch size is given.
 */
public final class Hibernate {
  private Hibernate() {}

  /** One statement per JDBC call: what the single-row benchmarks use. */
  public static SessionFactory sessionFactory(Db db, DataSource dataSource) {
    return sessionFactory(db, dataSource, 1);
  }

  /**
   * With {@code batchSize} &gt; 1, JDBC batching as the Hibernate guide sets it up for batch
   * processing: {@code hibernate.jdbc.batch_size} and updates ordered by entity and id ({@code
   * hibernate.order_updates}). Hibernate 7 batches versioned updates too (it has no switch for that
   * any more) and checks each row count of a batch after executing it.
   */
  public static SessionFactory sessionFactory(Db db, DataSource dataSource, int batchSize) {
    StandardServiceRegistryBuilder settings =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
            .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
            .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
            .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, batchSize)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
            .applySetting(AvailableSettings.GENERATE_STATISTICS, false)
            .applySetting(AvailableSettings.SHOW_SQL, false);
    if (batchSize > 1) {
      settings.applySetting(AvailableSettings.ORDER_UPDATES, true);
    }
    if (db == Db.SQLITE) {
      settings.applySetting(
          AvailableSettings.DIALECT, "org.hibernate.community.dialect.SQLiteDialect");
    }
    StandardServiceRegistry registry = settings.build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(HibernateItem.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }
}
