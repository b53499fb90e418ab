package dev.optilock.spring.boot;

import dev.optilock.runtime.ExternalTransactions;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link DataSource} that the auto-configured repositories are built with. It is not itself a
 * {@code DataSource} bean, so that Spring Boot's own auto-configuration (the transaction manager,
 * {@code JdbcTemplate}, Flyway) keeps seeing just the application's one data source.
 *
 * <p>By default {@link OptilockAutoConfiguration} defines one with {@link
 * #joiningSpringTransactions(DataSource)} around the application's data source. Define a bean of
 * this type to give the repositories another one, for example a second database that has its own
 * transaction manager:
 *
 * <pre>{@code
 * @Bean
 * OptilockDataSource optilockDataSource(@Qualifier("orders") DataSource orders) {
 *   return OptilockDataSource.joiningSpringTransactions(orders);
 * }
 * }</pre>
 */
public final class OptilockDataSource {
  private final DataSource dataSource;

  private OptilockDataSource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Repositories on {@code dataSource} that take part in Spring's transactions: inside a
   * {@code @Transactional} method (or a {@code TransactionTemplate}) every repository call runs on
   * the transaction's connection, and Spring commits or rolls back; outside one, each call is its
   * own transaction, committed when it returns.
   *
   * <p>Outside a Spring transaction, a connection that {@code dataSource} hands out with
   * auto-commit off (a pool configured with {@code auto-commit=false}) is refused with an {@link
   * java.sql.SQLException} that says so, because nothing would commit what the call writes. Given a
   * data source this method made, returns a holder of that same data source.
   *
   * @param dataSource the data source that Spring's transaction manager runs its transactions on
   *     (the application's {@code DataSource} bean)
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static OptilockDataSource joiningSpringTransactions(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new OptilockDataSource(dataSource instanceof SpringTransactionDataSource
        ? dataSource
        : new SpringTransactionDataSource(dataSource));
  }

  /**
   * Repositories on {@code dataSource} exactly as it is: for a data source that already joins the
   * transactions you want (one declared with {@link ExternalTransactions#of}, for a JTA manager),
   * or one that should never join Spring's.
   *
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static OptilockDataSource of(DataSource dataSource) {
    return new OptilockDataSource(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** What every auto-configured repository's constructor gets. */
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public String toString() {
    return "OptilockDataSource[" + dataSource + "]";
  }
}
