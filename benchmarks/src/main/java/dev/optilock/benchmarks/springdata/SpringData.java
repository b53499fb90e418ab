package dev.optilock.benchmarks.springdata;

import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.JdbcArrayColumns;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.dialect.AnsiDialect;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Spring Data JDBC without Spring Boot: a plain application context holding the data source, a
 * transaction manager and {@link AbstractJdbcConfiguration}'s beans, and the repository built by
 * {@code @EnableJdbcRepositories}. Its {@code save} and {@code findById} run in Spring transactions,
 * as {@code SimpleJdbcRepository} declares.
 */
public final class SpringData {
  private SpringData() {}

  /** A context with a {@link SpringItemRepository} bean; close it when done. */
  public static AnnotationConfigApplicationContext context(DataSource dataSource) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean("dataSource", DataSource.class, () -> dataSource);
    context.register(Config.class);
    context.refresh();
    return context;
  }

  /** The configuration {@link #context} registers. */
  @Configuration(proxyBeanMethods = false)
  @EnableJdbcRepositories(basePackageClasses = SpringItemRepository.class)
  public static class Config extends AbstractJdbcConfiguration {
    @Bean
    public NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
      return new NamedParameterJdbcTemplate(dataSource);
    }

    @Bean
    public TransactionManager transactionManager(DataSource dataSource) {
      return new JdbcTransactionManager(dataSource);
    }

    /** Spring Data JDBC detects PostgreSQL itself but has no SQLite dialect: ANSI SQL serves. */
    @Override
    public JdbcDialect jdbcDialect(NamedParameterJdbcOperations operations) {
      String product =
          operations
              .getJdbcOperations()
              .execute(
                  (ConnectionCallback<String>)
                      connection -> connection.getMetaData().getDatabaseProductName());
      if (product != null && product.toLowerCase(Locale.ROOT).contains("sqlite")) {
        return SqliteDialect.INSTANCE;
      }
      return super.jdbcDialect(operations);
    }
  }

  /**
   * SQLite for Spring Data JDBC: ANSI identifier quoting, no arrays. (Its ANSI paging clause is not
   * SQLite's, but nothing here pages.)
   */
  public static final class SqliteDialect extends AnsiDialect implements JdbcDialect {
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    private SqliteDialect() {}

    @Override
    public JdbcArrayColumns getArraySupport() {
      return JdbcArrayColumns.Unsupported.INSTANCE;
    }
  }
}
