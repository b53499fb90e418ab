package dev.optilock.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC "driver" that does nothing: every UPDATE changes one row, instantly. With it, the overhead
 * benchmark measures only what a library does around the driver calls, without a database's
 * microseconds and noise. The stubs are {@link Proxy} instances (benchmark code only: optilock's
 * runtime and generated code use no reflection); their dispatch costs the same in every path.
 */
final class StubJdbc {
  private StubJdbc() {}

  /** A data source whose connections report {@code product} and accept any statement. */
  static DataSource dataSource(String product) {
    ClassLoader loader = StubJdbc.class.getClassLoader();
    DatabaseMetaData metaData =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                loader,
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getDatabaseProductName" -> product;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    PreparedStatement statement =
        (PreparedStatement)
            Proxy.newProxyInstance(
                loader,
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "setLong", "setString", "setInt", "close" -> null;
                      case "executeUpdate" -> 1;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                loader,
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "prepareStatement" -> statement;
                      case "getAutoCommit", "isValid" -> true;
                      case "isClosed" -> false;
                      case "getMetaData" -> metaData;
                      case "close", "setAutoCommit" -> null;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return new DataSource() {
      @Override
      public Connection getConnection() {
        return connection;
      }

      @Override
      public Connection getConnection(String username, String password) {
        return connection;
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isWrapperFor(Class<?> type) {
        return false;
      }
    };
  }
}
