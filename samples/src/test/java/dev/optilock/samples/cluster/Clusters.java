package dev.optilock.samples.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.samples.testing.Ci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The clusters the cluster tests run on, started once per test run with the repository's own
 * scripts ({@code scripts/galera.sh}, {@code scripts/pg-standby.sh}) and stopped when the run ends:
 * by the JUnit root store when the test plan finishes (also when tests failed), and by a JVM
 * shutdown hook if the JVM ends otherwise. A cluster that was already running when the tests began
 * (started by {@code .ci/run} or by hand) is left running: its starter stops it.
 *
 * <p>When a cluster cannot start, its tests are skipped with a message saying how to enable them;
 * under CI ({@link Ci}) they fail instead.
 */
abstract class Clusters implements BeforeAllCallback {
  /** {@code @ExtendWith(Clusters.Galera.class)}: the class's tests need the Galera cluster. */
  static final class Galera extends Clusters {
    Galera() {
      super(Kind.GALERA);
    }
  }

  /** {@code @ExtendWith(Clusters.PgStandby.class)}: the class's tests need the PostgreSQL pair. */
  static final class PgStandby extends Clusters {
    PgStandby() {
      super(Kind.PG_STANDBY);
    }
  }

  private final Kind kind;

  Clusters(Kind kind) {
    this.kind = kind;
  }

  enum Kind {
    GALERA("galera.sh", "a 3-node MariaDB Galera cluster on 127.0.0.1:13306-13308",
        "run the tests as root on a machine with MariaDB 10.4+, galera-4 and rsync (apt-get install"
            + " mariadb-server galera-4 rsync); scripts/galera.sh start shows what fails"),
    PG_STANDBY("pg-standby.sh", "a PostgreSQL primary on 127.0.0.1:15432 with a hot standby on 15433",
        "install PostgreSQL's server programs (apt-get install postgresql) and run the tests as root"
            + " or as postgres; scripts/pg-standby.sh start shows what fails");

    final String script;
    final String what;
    final String howToEnable;

    Kind(String script, String what, String howToEnable) {
      this.script = script;
      this.what = what;
      this.howToEnable = howToEnable;
    }
  }

  private static final String RUN_ID = ProcessHandle.current().pid() + "_"
      + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));

  /** Started once per JVM: the outcome of starting each kind (null: started; else why not). */
  private static final java.util.Map<Kind, String> STARTED = new java.util.EnumMap<>(Kind.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    require(kind, context);
  }

  /**
   * Makes sure {@code kind} runs, starting it if needed (once per JVM), and registers its stop at
   * the end of the run. Skips the calling test (fails it under CI) when it cannot start.
   */
  static void require(Kind kind, ExtensionContext context) {
    String problem;
    synchronized (STARTED) {
      if (!STARTED.containsKey(kind)) {
        STARTED.put(kind, start(kind, context));
      }
      problem = STARTED.get(kind);
    }
    if (problem != null) {
      String message = kind.what + " could not start (" + problem + "): " + kind.howToEnable;
      if (Ci.on()) {
        Assertions.fail(Ci.describe() + " requires the clusters. " + message);
      }
      System.err.println("[optilock tests] SKIPPING " + message);
      Assumptions.abort(message);
    }
  }

  private static String start(Kind kind, ExtensionContext context) {
    Path script = script(kind);
    if (script == null) {
      return "scripts/" + kind.script + " not found above " + Path.of("").toAbsolutePath();
    }
    boolean wasRunning = run(script, "status", 30).exitCode() == 0;
    if (wasRunning) {
      return null;
    }
    // stop at the end of the test plan, and at JVM exit in case the plan never ends properly
    Thread hook = new Thread(() -> run(script, "stop", 120));
    Runtime.getRuntime().addShutdownHook(hook);
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(
        "optilock-cluster-" + kind, new Stop(script, hook));
    Result started = run(script, "start", 240);
    if (started.exitCode() != 0) {
      run(script, "stop", 120);
      return "scripts/" + kind.script + " start exited with " + started.exitCode() + ": "
          + started.output().strip().replace('\n', ' ');
    }
    return null;
  }

  /** Stops a cluster when JUnit closes the root store, at the end of the test plan. */
  private record Stop(Path script, Thread hook)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      run(script, "stop", 120);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; stop is idempotent
      }
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs {@code script command}, up to {@code seconds}; its output is kept for messages. */
  static Result run(Path script, String command, int seconds) {
    return run(script, seconds, command);
  }

  /** Runs {@code script arguments...}, up to {@code seconds}. */
  static Result run(Path script, int seconds, String... arguments) {
    try {
      Path log = Files.createTempFile("optilock-cluster", ".log");
      try {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, "timed out after " + seconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  /** {@code scripts/<name>} in the repository: found from the working directory upwards. */
  static Path script(Kind kind) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts").resolve(kind.script);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  // ---- data sources ----

  static final int[] GALERA_PORTS = {13306, 13307, 13308};

  /**
   * One pool per Galera node, on a database of this run's own (dropped when the pools close),
   * each connection configured by {@code init} (SQL, or null).
   */
  static List<HikariDataSource> galeraPools(String database, String init, int size) {
    List<HikariDataSource> pools = new ArrayList<>();
    for (int i = 0; i < GALERA_PORTS.length; i++) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + GALERA_PORTS[i] + "/" + database);
      config.setUsername("root");
      config.setPassword("");
      config.setMaximumPoolSize(size);
      config.setConnectionTimeout(10_000);
      config.setPoolName("galera-node" + (i + 1));
      if (init != null) {
        config.setConnectionInitSql(init);
      }
      pools.add(new HikariDataSource(config));
    }
    return pools;
  }

  /** A fresh database on the Galera cluster (replicated to every node), named for this run. */
  static String galeraDatabase(String name) throws SQLException {
    String database = "optilock_" + name + "_" + RUN_ID;
    execute("jdbc:mariadb://127.0.0.1:" + GALERA_PORTS[0] + "/", "root",
        s -> sql(s, "CREATE DATABASE " + database));
    return database;
  }

  static void dropGaleraDatabase(String database) {
    try {
      execute("jdbc:mariadb://127.0.0.1:" + GALERA_PORTS[0] + "/", "root",
          s -> sql(s, "DROP DATABASE IF EXISTS " + database));
    } catch (SQLException | RuntimeException ignored) {
      // the cluster is stopped at the end of the run anyway
    }
  }

  static final String PG_PRIMARY = "jdbc:postgresql://127.0.0.1:15432/test";
  static final String PG_STANDBY = "jdbc:postgresql://127.0.0.1:15433/test";

  /** A pool on the primary or the standby, on {@code schema}. */
  static HikariDataSource pgPool(String url, String schema, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setPassword("");
    config.setSchema(schema);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  static String pgSchema(String name) throws SQLException {
    String schema = "optilock_" + name + "_" + RUN_ID;
    execute(PG_PRIMARY, "postgres", s -> sql(s, "CREATE SCHEMA " + schema));
    return schema;
  }

  static void dropPgSchema(String schema) {
    try {
      execute(PG_PRIMARY, "postgres", s -> sql(s, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    } catch (SQLException | RuntimeException ignored) {
      // the cluster is stopped at the end of the run anyway
    }
  }

  static void execute(String url, String user, Consumer<Statement> work) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      work.accept(statement);
    }
  }

  static void sql(Statement statement, String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
