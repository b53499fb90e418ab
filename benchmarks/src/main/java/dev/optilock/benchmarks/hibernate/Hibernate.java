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
 * second-level or query cache, no statement batching, no schema management, no statistics.
 */
public final class Hibernate {
  private Hibernate() {}

  public static SessionFactory sessionFactory(Db db, DataSource dataSource) {
    StandardServiceRegistryBuilder settings =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
            .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
            .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
            .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 1)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
            .applySetting(AvailableSettings.GENERATE_STATISTICS, false)
            .applySetting(AvailableSettings.SHOW_SQL, false);
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
