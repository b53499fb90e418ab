package dev.optilock.runtime;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The arguments of the command lines of {@link Triggers} and {@link Schema}: {@code <command>
 * --url <jdbc url> [--user U] [--password P]}, and their connections, straight from {@link
 * DriverManager}.
 *
 * @param command the command, one of those the tool knows
 * @param dataSource connections to {@code --url}
 */
record CommandLine(String command, DataSource dataSource) {

  /**
   * Reads {@code args}; on bad usage prints the problem and the usage line of {@code tool} to
   * {@code err} and returns null (exit code 2).
   */
  static CommandLine parse(String[] args, List<String> commands, String tool, PrintStream err) {
    String command = args.length == 0 ? "" : args[0];
    String url = null;
    String user = null;
    String password = null;
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        return usage(err, "missing value after " + flag, commands, tool);
      }
      String value = args[++i];
      switch (flag) {
        case "--url" -> url = value;
        case "--user" -> user = value;
        case "--password" -> password = value;
        default -> {
          return usage(err, "unknown option " + flag, commands, tool);
        }
      }
    }
    if (!commands.contains(command)) {
      return usage(err, command.isEmpty() ? "no command" : "unknown command " + command, commands,
          tool);
    }
    if (url == null) {
      return usage(err, "--url is required", commands, tool);
    }
    return new CommandLine(command, new DriverManagerDataSource(url, user, password));
  }

  private static CommandLine usage(
      PrintStream err, String problem, List<String> commands, String tool) {
    err.println("error: " + problem);
    err.println("usage: java -cp <app class path> " + tool + " " + String.join("|", commands)
        + " --url <jdbc url> [--user U] [--password P]");
    return null;
  }

  /** The command line's connections: straight from {@link DriverManager}, no pool. */
  static final class DriverManagerDataSource implements DataSource {
    private final String url;
    private final String user;
    private final String password;

    DriverManagerDataSource(String url, String user, String password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
      return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {
      DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
      DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
      return DriverManager.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getLogger("dev.optilock");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
