package dev.optilock.samples.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.samples.ArticleRepository;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring wiring for generated repositories (spring-context and spring-jdbc, no Spring Boot).
 *
 * <p>The pool is the real {@code DataSource}; the transaction manager runs transactions on it. The
 * repositories get the pool wrapped in a {@link TransactionAwareDataSourceProxy}: inside a Spring
 * transaction its {@code getConnection()} hands out the transaction's connection (auto-commit off),
 * so every repository call takes part in the transaction and never commits it; outside one it hands
 * out a fresh pooled connection, and each repository call commits on its own.
 *
 * <p>Properties (from the {@code Environment}): {@code optilock.jdbc.url} (default an SQLite file
 * {@code target/optilock-spring.db}), {@code optilock.jdbc.username}, {@code optilock.jdbc.password},
 * {@code optilock.jdbc.schema}.
 */
@Configuration
@EnableTransactionManagement
@ComponentScan(basePackageClasses = BlogConfig.class)
public class BlogConfig {

  /** The pool: the transaction manager's data source. Spring closes it with the context. */
  @Bean(destroyMethod = "close")
  public HikariDataSource pool(Environment env) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("optilock-spring");
    String url = env.getProperty("optilock.jdbc.url", "jdbc:sqlite:target/optilock-spring.db");
    config.setJdbcUrl(url);
    config.setUsername(env.getProperty("optilock.jdbc.username"));
    config.setPassword(env.getProperty("optilock.jdbc.password"));
    config.setSchema(env.getProperty("optilock.jdbc.schema"));
    config.setMaximumPoolSize(4);
    if (url.startsWith("jdbc:sqlite:")) {
      // a writer waits for another connection's write lock instead of failing at once
      config.addDataSourceProperty("busy_timeout", "10000");
    }
    return new HikariDataSource(config);
  }

  /**
   * The {@code DataSource} everything else is given: transaction-aware, so that repository calls
   * (and any other plain JDBC code) join the current Spring transaction.
   */
  @Bean
  @Primary
  public DataSource dataSource(HikariDataSource pool) {
    return new TransactionAwareDataSourceProxy(pool);
  }

  @Bean
  public PlatformTransactionManager transactionManager(HikariDataSource pool) {
    return new DataSourceTransactionManager(pool);
  }

  @Bean
  public TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
    return new TransactionTemplate(transactionManager);
  }

  /** The generated repository, over the transaction-aware data source. */
  @Bean
  public ArticleRepository articleRepository(DataSource dataSource) {
    return new ArticleRepository(dataSource);
  }
}
