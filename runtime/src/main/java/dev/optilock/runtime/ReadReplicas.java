package dev.optilock.runtime;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose pure reads generated repositories may send to read replicas (PostgreSQL hot
 * standbys, MariaDB/MySQL replicas):
 *
 * <pre>{@code
 * DataSource routed = ReadReplicas.of(primary, standby1, standby2);
 * ArticleRepository articles = new ArticleRepository(routed);
 * articles.findById(4);          // a standby (they take turns)
 * articles.update(edited);       // the primary: compare-and-set against the latest row
 * }</pre>
 *
 * <ul>
 *   <li>Outside a transaction, {@code findById}, {@code findAll} and {@code findByIdAndVersion} take
 *       a connection from the next replica, round robin; a replica that fails to hand out a
 *       connection is skipped, and when none can, the primary serves.
 *   <li>Everything else goes to the primary: every write, {@code modify}'s reads (a lagging replica
 *       would hand every attempt the same stale row), the read that fills in a {@link
 *       RecordModifiedException}, {@code isChanged}, {@code ifUnchanged}, the batches, queries, and
 *       every call inside a transaction ({@link Transactions}) on this data source.
 *   <li>This object's own {@link #getConnection()} is the primary's, so {@link Transactions} and
 *       any other code that takes connections from it work on the primary.
 * </ul>
 *
 * <p>A replica lags: what it returns may be older than the primary's row. That is safe for
 * optimistic locking (a write of an entity read from a replica carries the version it read, so a
 * stale read becomes a {@link RecordModifiedException}, never a lost update), but a caller that
 * needs to read its own writes must read from the primary (a transaction, or the primary's data
 * source) or make the primary wait for the replicas ({@code synchronous_commit = remote_apply} on
 * PostgreSQL). See {@code docs/clusters.md}.
 */
public final class ReadReplicas implements DataSource {
  private final DataSource primary;
  private final List<DataSource> replicas;
  private final AtomicInteger next = new AtomicInteger();

  private ReadReplicas(DataSource primary, List<DataSource> replicas) {
    this.primary = primary;
    this.replicas = replicas;
  }

  /**
   * A data source that writes to {@code primary} and may read from {@code replicas}.
   *
   * @throws NullPointerException when any argument is null
   * @throws IllegalArgumentException when {@code primary} is itself a {@code ReadReplicas}
   */
  public static DataSource of(DataSource primary, DataSource... replicas) {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(replicas, "replicas");
    for (int i = 0; i < replicas.length; i++) {
      Objects.requireNonNull(replicas[i], "replicas[" + i + "]");
    }
    if (primary instanceof ReadReplicas) {
      throw new IllegalArgumentException("primary is already a ReadReplicas data source");
    }
    return new ReadReplicas(primary, List.of(replicas));
  }

  /** The primary's data source. */
  public DataSource primary() {
    return primary;
  }

  /** The replicas' data sources, in the order given. */
  public List<DataSource> replicas() {
    return replicas;
  }

  /**
   * A connection from the next replica that hands one out, or {@code null} when there is none or
   * none can.
   */
  Connection replicaConnection() {
    int count = replicas.size();
    if (count == 0) {
      return null;
    }
    int start = Math.floorMod(next.getAndIncrement(), count);
    for (int i = 0; i < count; i++) {
      try {
        Connection connection = replicas.get((start + i) % count).getConnection();
        if (connection != null) {
          return connection;
        }
      } catch (SQLException | RuntimeException unavailable) {
        // skipped: the next replica, then the primary, serves
      }
    }
    return null;
  }

  /** A connection of the primary. */
  @Override
  public Connection getConnection() throws SQLException {
    return primary.getConnection();
  }

  /** A connection of the primary. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return primary.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return primary.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    primary.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    primary.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return primary.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return primary.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : primary.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || primary.isWrapperFor(type);
  }
}
