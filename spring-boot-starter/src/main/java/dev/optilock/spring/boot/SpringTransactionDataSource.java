package dev.optilock.spring.boot;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's {@link TransactionAwareDataSourceProxy}, which optilock's runtime recognises as a data
 * source whose auto-commit-off connections carry a Spring transaction, made safe for pools that
 * hand out auto-commit-off connections outside one: there the runtime would take the connection
 * for a transaction's and never commit, so this refuses it instead.
 */
final class SpringTransactionDataSource extends TransactionAwareDataSourceProxy {
  SpringTransactionDataSource(DataSource target) {
    super(target);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = super.getConnection();
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return connection;
    }
    boolean autoCommit;
    try {
      autoCommit = connection.getAutoCommit();
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
    if (!autoCommit) {
      SQLException refused = new SQLException("the data source handed out a connection with"
          + " auto-commit off outside a Spring transaction, so nothing would commit this call's"
          + " writes: call the repository inside a @Transactional method, or configure the pool"
          + " with auto-commit on (spring.datasource.hikari.auto-commit=true, Hikari's default)");
      closeQuietly(connection, refused);
      throw refused;
    }
    return connection;
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
