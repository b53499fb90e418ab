package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The two databases of the benchmarks, how to reach them, and the one table every library maps.
 *
 * <p>Neither database waits for fsync at commit, so that a write benchmark measures the libraries and
 * the database's work rather than the disk's flush latency (a few milliseconds on a virtual disk,
 * and swinging with other tenants' I/O): SQLite is a file in WAL mode with {@code
 * synchronous=NORMAL} (the usual production setting for WAL); PostgreSQL sessions set {@code
 * synchronous_commit=off} (the commit still writes the WAL, but does not wait for its flush). Set
 * {@code -Doptilock.bench.pg.synchronous_commit=on} for durable PostgreSQL commits.
 *
 * <p>Override the locations with system properties: {@code optilock.bench.sqlite} (a file path),
 * {@code optilock.bench.pg.url}, {@code optilock.bench.pg.user}, {@code optilock.bench.pg.password},
 * {@code optilock.bench.mariadb.url} (default {@code jdbc:mariadb://127.0.0.1:3306/test}, user
 * {@code root}, {@code optilock.bench.mariadb.user}/{@code .password}).
 */
public enum Db {
  SQLITE,
  POSTGRESQL,
  /** Only in {@link PairedBatch} so far (issue 17's MariaDB figures); the JMH benchmarks take the other two. */
  MARIADB;

  /** Rows seeded by {@link #reset}: ids 1..ROWS, each at version 1. */
  public static final int ROWS = 1000;

  /** Ids that {@code insert} benchmarks use start here, far above the seeded rows. */
  public static final long FIRST_NEW_ID = 1_000_000;

  /** {@code sqlite} or {@code postgresql}, as the JMH parameter spells it. */
  public static Db of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The file of the SQLite database. */
  public static Path sqliteFile() {
    return Path.of(
        System.getProperty(
            "optilock.bench.sqlite",
            Path.of(System.getProperty("java.io.tmpdir"), "optilock-bench.db").toString()));
  }

  public String jdbcUrl() {
    if (this == SQLITE) {
      return "jdbc:sqlite:" + sqliteFile() + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000";
    }
    if (this == MARIADB) {
      return System.getProperty("optilock.bench.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    }
    return System.getProperty("optilock.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  private static String pgUser() {
    return System.getProperty("optilock.bench.pg.user", "postgres");
  }

  private static String pgPassword() {
    return System.getProperty("optilock.bench.pg.password", "");
  }

  /** pgJDBC's {@code options}: the session settings every PostgreSQL connection starts with. */
  private static String pgOptions() {
    return "-c synchronous_commit="
        + System.getProperty("optilock.bench.pg.synchronous_commit", "off");
  }

  /**
   * The pool every library in the JMH benchmarks runs over, with the same settings for all: four
   * connections kept open, auto-commit on (HikariCP's default).
   */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + name().toLowerCase(Locale.ROOT));
    config.setJdbcUrl(jdbcUrl());
    if (this == POSTGRESQL) {
      config.setUsername(pgUser());
      config.setPassword(pgPassword());
      config.addDataSourceProperty("options", pgOptions());
    } else if (this == MARIADB) {
      config.setUsername(System.getProperty("optilock.bench.mariadb.user", "root"));
      config.setPassword(System.getProperty("optilock.bench.mariadb.password", ""));
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  /** A driver's plain data source, without a pool: what the start-up programs use. */
  public DataSource plain() {
    if (this == SQLITE) {
      SQLiteDataSource dataSource = new SQLiteDataSource();
      dataSource.setUrl(jdbcUrl());
      return dataSource;
    }
    if (this == MARIADB) {
      throw new UnsupportedOperationException("the start-up programs run on SQLite and PostgreSQL");
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl());
    dataSource.setUser(pgUser());
    dataSource.setPassword(pgPassword());
    dataSource.setOptions(pgOptions());
    return dataSource;
  }

  /** Removes the SQLite database file and its WAL companions, so that a trial starts from nothing. */
  public void deleteFiles() {
    if (this != SQLITE) {
      return;
    }
    try {
      Path file = sqliteFile();
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops and re-creates {@code bench_item} and seeds {@code rows} rows, ids 1..rows, at version 1.
   */
  public void reset(DataSource dataSource, int rows) {
    String idType = this == SQLITE ? "INTEGER" : "BIGINT"; // SQLite: an alias of the rowid
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS bench_item");
        statement.execute(
            "CREATE TABLE bench_item (id "
                + idType
                + " PRIMARY KEY, name VARCHAR(100) NOT NULL, amount BIGINT NOT NULL,"
                + " version BIGINT NOT NULL)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO bench_item (id, name, amount, version) VALUES (?, ?, ?, 1)")) {
        for (int id = 1; id <= rows; id++) {
          insert.setLong(1, id);
          insert.setString(2, Names.next(0));
          insert.setLong(3, 0);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
      connection.setAutoCommit(true);
      if (this == POSTGRESQL) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("VACUUM ANALYZE bench_item");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up bench_item on " + this, e);
    }
  }
}
