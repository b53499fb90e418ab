package dev.optilock.samples.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real databases the end-to-end tests run on, each behind a HikariCP pool.
 *
 * <p>Every test JVM gets its own PostgreSQL schema and its own MariaDB database (dropped at exit), and
 * its own SQLite file, so runs never see each other's rows. {@link #fresh(String...)} recreates the
 * tables a test needs from {@code schema/<database>/<table>.sql}.
 *
 * <p>When a server is unreachable its tests are skipped with a message saying how to enable them;
 * under CI ({@link Ci}: {@code CI} set to anything but empty or {@code false}) they fail instead, so
 * CI can never pass with a database silently missing.
 */
public enum TestDatabase {
  SQLITE("sqlite") {
    @Override
    HikariConfig config(String suffix) {
      Path file = Path.of("target", "e2e-" + ProcessHandle.current().pid() + suffix + ".db")
          .toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      file.toFile().deleteOnExit();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:sqlite:" + file);
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("journal_mode", "WAL");
      // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, waiting up to the busy
      // timeout, so that read-then-write transactions never fail with SQLITE_BUSY (docs/transactions.md)
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      return config;
    }

    @Override
    String howToEnable() {
      return "SQLite is embedded and always available";
    }
  },

  POSTGRESQL("postgresql") {
    @Override
    HikariConfig config(String suffix) throws SQLException {
      String url = env("OPTILOCK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
      String user = env("OPTILOCK_PG_USER", "postgres");
      String password = env("OPTILOCK_PG_PASSWORD", "");
      String schema = "optilock_" + RUN_ID + suffix;
      try (Connection admin = DriverManager.getConnection(url, user, password);
          Statement statement = admin.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(url, user, password,
          "DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setSchema(schema);
      return config;
    }

    @Override
    String howToEnable() {
      return "start PostgreSQL on 127.0.0.1:5432 (pg_ctlcluster --skip-systemctl-redirect"
          + " $(ls /etc/postgresql) main start) or point OPTILOCK_PG_URL, OPTILOCK_PG_USER and"
          + " OPTILOCK_PG_PASSWORD at a server";
    }
  },

  MARIADB("mariadb") {
    @Override
    HikariConfig config(String suffix) throws SQLException {
      String server = env("OPTILOCK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
      String user = env("OPTILOCK_MARIADB_USER", "root");
      String password = env("OPTILOCK_MARIADB_PASSWORD", "");
      String database = "optilock_" + RUN_ID + suffix;
      try (Connection admin = DriverManager.getConnection(server, user, password);
          Statement statement = admin.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + database);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(server, user, password,
          "DROP DATABASE IF EXISTS " + database)));
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server + database);
      config.setUsername(user);
      config.setPassword(password);
      return config;
    }

    @Override
    String howToEnable() {
      return "start MariaDB on 127.0.0.1:3306 (start-stop-daemon --start --oknodo --background"
          + " --exec /usr/sbin/mariadbd) or point OPTILOCK_MARIADB_URL (ending in /),"
          + " OPTILOCK_MARIADB_USER and OPTILOCK_MARIADB_PASSWORD at a server";
    }
  };

  private static final String RUN_ID =
      ProcessHandle.current().pid() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));

  private final String folder;
  private HikariDataSource dataSource;
  private String unavailable;
  private boolean warned;

  TestDatabase(String folder) {
    this.folder = folder;
  }

  /**
   * The pool's configuration, after creating its SQLite file, PostgreSQL schema or MariaDB database
   * (dropped at exit), named after this JVM's run plus {@code suffix}.
   */
  abstract HikariConfig config(String suffix) throws SQLException;

  abstract String howToEnable();

  /**
   * The pool for this database, with the named tables dropped and created afresh. Skips the test
   * (fails it under CI) when the server is unreachable.
   */
  public HikariDataSource fresh(String... tables) {
    HikariDataSource pool = pool();
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        for (String sql : schema(table).split(";\\s*(\\n|$)")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("creating tables " + String.join(", ", tables) + " on " + this, e);
    }
    return pool;
  }

  /** The pool, without touching any table. */
  public synchronized HikariDataSource pool() {
    if (dataSource == null && unavailable == null) {
      try {
        HikariConfig config = config("");
        config.setPoolName("e2e-" + folder);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        dataSource = new HikariDataSource(config);
      } catch (SQLException | RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (unavailable != null) {
      String message = this + " is not reachable (" + unavailable + "): " + howToEnable();
      if (Ci.on()) {
        Assertions.fail(Ci.describe() + " requires every database. " + message);
      }
      if (!warned) {
        warned = true;
        System.err.println("[optilock tests] SKIPPING " + message);
      }
      Assumptions.abort(message);
    }
    return dataSource;
  }

  /**
   * A JDBC URL for a plain {@code DriverManager} connection to the same tables (schema included),
   * with the user and password as {@code --user}/{@code --password} arguments: what a command line
   * tool is given.
   */
  public List<String> commandLineConnection() {
    HikariDataSource pool = pool();
    String url = pool.getJdbcUrl();
    if (pool.getSchema() != null) {
      url += (url.contains("?") ? "&" : "?") + "currentSchema=" + pool.getSchema();
    }
    List<String> args = new ArrayList<>(List.of("--url", url));
    if (pool.getUsername() != null) {
      args.addAll(List.of("--user", pool.getUsername(), "--password",
          pool.getPassword() == null ? "" : pool.getPassword()));
    }
    return args;
  }

  /**
   * A new plain JDBC connection ({@code DriverManager}, outside every pool) to the same tables as
   * {@link #pool()}, with auto-commit on: it sees what is committed, and nothing else. The caller
   * closes it.
   */
  public Connection plainConnection() throws SQLException {
    List<String> args = commandLineConnection();
    return args.size() > 2
        ? DriverManager.getConnection(args.get(1), args.get(3), args.get(5))
        : DriverManager.getConnection(args.get(1));
  }

  /**
   * A new, dedicated pool of {@code size} connections to the same database (same SQLite file, same
   * PostgreSQL schema, same MariaDB database) as {@link #pool()}, for tests that need more
   * connections than the shared pool has, or connections they may break. On PostgreSQL its
   * connections carry {@code name} as their {@code application_name}. The caller closes it.
   */
  public HikariDataSource newPool(String name, int size) {
    return new HikariDataSource(newPoolConfig(name, size));
  }

  /**
   * Like {@link #newPool}, but its connections come with auto-commit off, as HikariCP hands them out
   * with {@code setAutoCommit(false)} (a common Spring/JPA setting), and with no transaction manager
   * behind it. On SQLite its transactions begin DEFERRED (sqlite-jdbc's default) instead of the
   * shared pool's IMMEDIATE: sqlite-jdbc begins a transaction whenever auto-commit is off, so with
   * IMMEDIATE every idle connection of such a pool would hold the write lock. On PostgreSQL the
   * schema is the connection property {@code currentSchema}: HikariCP's {@code schema} setting runs
   * {@code SET search_path} inside the connection's first transaction, and the pool's first rollback
   * would undo it. The caller closes it.
   */
  public HikariDataSource newAutoCommitOffPool(String name, int size) {
    HikariConfig config = newPoolConfig(name, size);
    config.setAutoCommit(false);
    if (this == SQLITE) {
      config.getDataSourceProperties().remove("transaction_mode");
    }
    if (config.getSchema() != null) {
      config.addDataSourceProperty("currentSchema", config.getSchema());
      config.setSchema(null);
    }
    return new HikariDataSource(config);
  }

  private HikariConfig newPoolConfig(String name, int size) {
    HikariDataSource shared = pool();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setSchema(shared.getSchema());
    config.setDataSourceProperties(shared.getDataSourceProperties());
    if (this == POSTGRESQL) {
      config.addDataSourceProperty("ApplicationName", name);
    }
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    return config;
  }

  /**
   * A new pool of {@code size} connections to a database of its own: a SQLite file, PostgreSQL
   * schema or MariaDB database of this run that no other pool uses (and that is dropped at exit), so
   * that {@code fresh} and other tests never see its tables. For a test that sets up a whole schema
   * itself, such as a Flyway migration; {@code name} is a lower-case identifier, unique per test. The
   * caller closes it. Skips (or fails) like {@link #pool()} when the server is unreachable.
   */
  public HikariDataSource isolatedPool(String name, int size) {
    pool();
    try {
      HikariConfig config = config("_" + name);
      config.setPoolName(name + "-" + folder);
      config.setMaximumPoolSize(size);
      config.setConnectionTimeout(10_000);
      return new HikariDataSource(config);
    } catch (SQLException e) {
      throw new IllegalStateException("creating the isolated database " + name + " on " + this, e);
    }
  }

  /** Connections of this pool in use right now: 0 between repository calls. */
  public int activeConnections() {
    return pool().getHikariPoolMXBean().getActiveConnections();
  }

  private String schema(String table) {
    String resource = "/schema/" + folder + "/" + table + ".sql";
    try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no DDL at " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void dropQuietly(String url, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException ignored) {
      // best effort at JVM exit
    }
  }

  @Override
  public String toString() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
