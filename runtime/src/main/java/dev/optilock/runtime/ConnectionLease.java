package dev.optilock.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One repository call's use of a connection, from {@link Database#lease()}. Closing it gives back a
 * connection the lease opened and leaves a transaction's connection open for the next call.
 */
public final class ConnectionLease implements AutoCloseable {
  private final Connection connection;
  private final Dialect dialect;
  private final boolean owned;

  ConnectionLease(Connection connection, Dialect dialect, boolean owned) {
    this.connection = connection;
    this.dialect = dialect;
    this.owned = owned;
  }

  /** The connection to run statements on. */
  public Connection connection() {
    return connection;
  }

  /** The dialect of the database behind the connection. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Prepares the statement written for this dialect's family: {@code ansi} for SQLite and
   * PostgreSQL, {@code mysql} for MariaDB/MySQL. Both are constants built by the processor.
   */
  public PreparedStatement prepare(String ansi, String mysql) throws SQLException {
    return connection.prepareStatement(dialect == Dialect.MARIADB ? mysql : ansi);
  }

  /** Gives the connection back when this lease opened it; a transaction's stays open. */
  @Override
  public void close() throws SQLException {
    if (owned) {
      connection.close();
    }
  }
}
