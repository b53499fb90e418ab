package dev.optilock.spring.boot;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Makes every repository that optilock generated for the application a bean, on a data source that
 * joins Spring's transactions.
 *
 * <ul>
 *   <li>The repositories: one bean per line of the {@code META-INF/optilock/entities.list} files
 *       the processor wrote at compile time (no class-path scanning), named like {@code
 *       articleRepository}. A repository type the application defines as a bean itself is left
 *       alone. {@code optilock.repositories.enabled=false} turns this off.
 *   <li>{@link OptilockDataSource}: the data source the repositories get, {@link
 *       OptilockDataSource#joiningSpringTransactions(DataSource)} around the application's one
 *       {@code DataSource}; {@code @Transactional} commits and rollbacks cover repository calls.
 *       Define a bean of that type to replace it.
 * </ul>
 *
 * <p>Runs after Spring Boot's {@code DataSourceAutoConfiguration}. {@code docs/spring-boot.md}
 * describes the whole starter.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
public class OptilockAutoConfiguration {
  /** Creates the configuration; Spring Boot does. */
  public OptilockAutoConfiguration() {}

  /**
   * The repositories' data source, when the application has one {@code DataSource} (or one primary)
   * and no {@link OptilockDataSource} bean of its own.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  public OptilockDataSource optilockDataSource(DataSource dataSource) {
    return OptilockDataSource.joiningSpringTransactions(dataSource);
  }

  /** Registers the repositories' bean definitions; static, as a registry post-processor must be. */
  @Bean
  @ConditionalOnProperty(prefix = "optilock.repositories", name = "enabled", matchIfMissing = true)
  static OptilockRepositoryRegistrar optilockRepositoryRegistrar() {
    return new OptilockRepositoryRegistrar();
  }
}
