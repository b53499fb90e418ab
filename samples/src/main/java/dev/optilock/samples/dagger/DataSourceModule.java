package dev.optilock.samples.dagger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * The one thing a generated repository needs: a {@link DataSource}. Here a HikariCP pool over the
 * JDBC URL the component is created with (an SQLite file in the sample).
 */
@Module
public abstract class DataSourceModule {
  /** The name of the JDBC URL that {@link BlogComponent.Factory#create(String)} binds. */
  public static final String JDBC_URL = "optilock.jdbcUrl";

  private DataSourceModule() {}

  @Provides
  @Singleton
  static HikariDataSource pool(@Named(JDBC_URL) String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("optilock-dagger");
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(4);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      // a writer waits for another connection's write lock instead of failing at once
      config.addDataSourceProperty("busy_timeout", "10000");
    }
    return new HikariDataSource(config);
  }

  /** Repositories ask for a plain {@code DataSource}: they get the pool. */
  @Binds
  abstract DataSource dataSource(HikariDataSource pool);
}
