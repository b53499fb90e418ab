package dev.optilock.runtime;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Declares that a transaction manager outside optilock (JTA, Spring, Micronaut, a framework's
 * {@code @Transactional}) runs transactions on the connections a {@link DataSource} hands out, so
 * that generated repositories and {@link Transactions} take part in them instead of committing on
 * their own.
 *
 * <pre>{@code
 * DataSource managed = ExternalTransactions.of(jtaAwareDataSource);
 * ArticleRepository articles = new ArticleRepository(managed);
 * }</pre>
 *
 * <p>What optilock does with a connection depends on this declaration and on the auto-commit mode
 * the connection arrives with:
 *
 * <table>
 *   <caption>How optilock treats a connection</caption>
 *   <tr><th>data source</th><th>auto-commit</th><th>the call</th></tr>
 *   <tr><td>declared</td><td>off</td><td>takes part in the manager's transaction: optilock never
 *       commits it, rolls it back or changes its auto-commit (a batch undoes only its own writes,
 *       behind a savepoint)</td></tr>
 *   <tr><td>declared</td><td>on</td><td>no managed transaction is active: each call is its own
 *       unit, committed when it returns</td></tr>
 *   <tr><td>not declared</td><td>off</td><td>a plain pool's connection (HikariCP's {@code
 *       autoCommit=false}, for example): each call is its own unit, committed before it returns
 *       (rolled back when it fails), and the connection goes back with auto-commit off</td></tr>
 *   <tr><td>not declared</td><td>on</td><td>each call is its own unit, committed when it
 *       returns</td></tr>
 * </table>
 *
 * <p>Inside a {@link Transactions#run} or {@link Transactions#call}, every call uses that
 * transaction's connection; on a declared data source whose connection arrives with auto-commit
 * off, {@code run} and {@code call} join the manager's transaction and leave committing to it.
 *
 * <p>Spring's {@code org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy} (and its
 * subclasses) is recognised without a declaration, by its class name: inside a Spring transaction
 * it hands out the transaction's connection, with auto-commit off. Every other manager must be
 * declared with {@link #of}: optilock cannot tell its connection from a plain pool's connection
 * with auto-commit off, and would commit its work (and with it, the manager's transaction so far).
 *
 * <p>On a declared data source, a connection handed out with auto-commit off <em>outside</em> a
 * managed transaction (a pool configured with auto-commit off) is taken for the manager's, and
 * nothing commits the repository's writes: with such a pool, make every write part of a managed
 * transaction, as the manager's own JDBC tools require.
 *
 * <p>{@link Transactions} finds a transaction by the data source instance, so wrap once and give
 * the same wrapper to every repository and every {@code Transactions} call.
 */
public final class ExternalTransactions {
  private static final String SPRING_PROXY =
      "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy";

  private ExternalTransactions() {}

  /**
   * {@code dataSource}, declared as one whose connections carry a transaction manager's
   * transactions while it runs one: hands out exactly what {@code dataSource} hands out. Given a
   * data source this method returned, returns it as it is.
   *
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static DataSource of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return dataSource instanceof Managed ? dataSource : new Managed(dataSource);
  }

  /**
   * Whether a transaction manager runs its transactions on {@code dataSource}'s connections: it was
   * declared with {@link #of}, or it is Spring's {@code TransactionAwareDataSourceProxy}.
   *
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static boolean isDeclared(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (dataSource instanceof Managed) {
      return true;
    }
    for (Class<?> type = dataSource.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals(SPRING_PROXY)) {
        return true;
      }
    }
    return false;
  }

  /** The declaration: every call goes to the declared data source. */
  private static final class Managed implements DataSource {
    private final DataSource target;

    Managed(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return target.getConnection(username, password);
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
      return target.createConnectionBuilder();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return type.isInstance(target) ? type.cast(target) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return type.isInstance(target) || target.isWrapperFor(type);
    }

    @Override
    public String toString() {
      return "ExternalTransactions.of(" + target + ")";
    }
  }
}
