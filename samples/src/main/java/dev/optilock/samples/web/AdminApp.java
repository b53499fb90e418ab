package dev.optilock.samples.web;

import dev.optilock.runtime.VersionTokens;
import dev.optilock.samples.ArticleRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An admin-style web app for articles, on Jetty (its core Handler API, no servlets) and an SQLite
 * file: the edit form with a signed version and a conflict page, the list-editable titles page
 * ({@code updateAll}), "delete selected" ({@code ifUnchanged}) and a JSON API with ETag / If-Match.
 * From the repository root:
 *
 * <pre>mvn -q -pl samples -am compile exec:java -Dexec.mainClass=dev.optilock.samples.web.AdminApp</pre>
 *
 * then open http://127.0.0.1:8080/. Options go in {@code -Dexec.args="..."}: {@code --port N} (0
 * picks a free port), {@code --host H} (default 127.0.0.1: the app has no login, so it listens
 * on this machine only), {@code --db FILE} (default {@code target/optilock-admin.db}; the table is
 * created, and filled with sample articles when empty). Tokens are signed with the base64 key in the
 * environment variable {@code OPTILOCK_TOKEN_KEY} (32 bytes or more), or with a random key per start.
 *
 * <p>Before any handler runs, every request must name one of the app's {@linkplain
 * Options#allowedHosts allowed hosts} in its {@code Host} header (421 Misdirected Request
 * otherwise), and a POST, PUT, PATCH or DELETE that a browser sent from another site is refused
 * with 403. A client that sends its request, or takes its answer, slower than {@linkplain
 * Options#clientTimeout the timeout} is cut off. See {@link Options} for the system properties, and
 * "Running it safely" in docs/web.md.
 */
public final class AdminApp implements AutoCloseable {
  static final String DEFAULT_DATABASE = "target/optilock-admin.db";

  /** The methods that change nothing; every other one must come from the app's own pages. */
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Server server;
  private final InetSocketAddress address;
  private final Workers workers;
  private final AllowedHosts allowedHosts;
  private final SQLiteDataSource dataSource;
  private final ArticlePages pages;
  private final ArticleApi api;

  private AdminApp(Server server, InetSocketAddress address, Workers workers, AllowedHosts allowedHosts,
      SQLiteDataSource dataSource, ArticlePages pages, ArticleApi api) {
    this.server = server;
    this.address = address;
    this.workers = workers;
    this.allowedHosts = allowedHosts;
    this.dataSource = dataSource;
    this.pages = pages;
    this.api = api;
  }

  /** Starts the app; see the class comment for the arguments. Runs until the JVM is stopped. */
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 8080;
    Path database = Path.of(DEFAULT_DATABASE);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println("usage: AdminApp [--port N] [--host HOST] [--db FILE]");
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete argument " + arg
            + "; usage: AdminApp [--port N] [--host HOST] [--db FILE]");
      }
      switch (arg) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--db" -> database = Path.of(args[++i]);
        default -> throw new IllegalArgumentException(
            "unknown argument " + arg + "; usage: AdminApp [--port N] [--host HOST] [--db FILE]");
      }
    }
    byte[] key = keyFromEnvironment();
    Options options = Options.fromSystemProperties();
    AdminApp app = start(host, port, database, key, options);
    System.out.println("optilock admin sample on " + app.uri() + "  (database "
        + database.toAbsolutePath() + (System.getenv("OPTILOCK_TOKEN_KEY") == null
            ? "; tokens signed with a random key, set OPTILOCK_TOKEN_KEY to keep them across restarts"
            : "") + "). Stop it with Ctrl+C.");
    System.out.println("Answers only for the hosts " + app.allowedHosts + " (set -D"
        + Options.ALLOWED_HOSTS + " for others); " + options.workers() + " workers, each waiting at most "
        + options.clientTimeout().toMillis() + " ms for a client.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "admin-app-shutdown"));
    stopped.await();
  }

  private static byte[] keyFromEnvironment() {
    String encoded = System.getenv("OPTILOCK_TOKEN_KEY");
    if (encoded == null || encoded.isBlank()) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return key;
    }
    try {
      return Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("OPTILOCK_TOKEN_KEY must be base64 (of 32 bytes or more)");
    }
  }

  /**
   * Starts the app on {@code host:port} (port 0: a free one) with the SQLite file {@code database},
   * creating the table (and sample rows when it is empty), and signing tokens with {@code key}; the
   * {@link Options} come from the system properties.
   */
  public static AdminApp start(String host, int port, Path database, byte[] key) throws IOException {
    return start(host, port, database, key, Options.fromSystemProperties());
  }

  /** Like {@link #start(String, int, Path, byte[])}, with the given {@code options}. */
  public static AdminApp start(String host, int port, Path database, byte[] key, Options options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    VersionTokens tokens = new VersionTokens(key);
    Path file = database.toAbsolutePath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    createSchema(dataSource);

    ArticleRepository articles = new ArticleRepository(dataSource);
    ArticlePages pages = new ArticlePages(articles, tokens);
    ArticleApi api = new ArticleApi(articles, tokens);
    Workers workers = new Workers(options.workers(), options.clientTimeout());
    Server server = server(options);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    connector.setHost(host);
    connector.setPort(port);
    AppHandler handler = new AppHandler(workers);
    server.setHandler(handler);
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      workers.shutdown(Duration.ZERO);
      throw e instanceof IOException io ? io : new IOException("starting the server on " + host + ":" + port, e);
    }
    InetSocketAddress bound = (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
    AdminApp app = new AdminApp(server, bound, workers, AllowedHosts.of(options.allowedHosts(), bound),
        dataSource, pages, api);
    handler.app = app;
    return app;
  }

  /**
   * A Jetty server, not started yet, with one HTTP/1.1 connector whose idle timeout is the client
   * timeout: a connection that sends nothing, or stops in the middle of its request line or headers,
   * is closed after it, holding no thread meanwhile. Jetty's threads (daemons, like the workers) only
   * read request heads and pass each request on to the app's {@link Workers}.
   *
   * <p>Jetty answers some malformed requests itself, with 400 and without calling the app: an
   * HTTP/1.1 request with no {@code Host}, or with two, or a {@code Host} that is not a host and
   * port. It would also refuse a request target in absolute form whose host differs from the {@code
   * Host} header ({@code MISMATCHED_AUTHORITY}); that is allowed here, so that the app answers such a
   * request with 421 when either name is not one of its own (DNS rebinding), as it answers every
   * foreign host. Its error pages show no stack traces, and no version is sent in a {@code Server}
   * header.
   */
  private static Server server(Options options) {
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("admin-jetty");
    threads.setDaemon(true);
    Server server = new Server(threads, new ScheduledExecutorScheduler("admin-jetty-scheduler", true), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setHttpCompliance(HttpCompliance.RFC9110.with("RFC9110_MISMATCHED_AUTHORITY",
        HttpCompliance.Violation.MISMATCHED_AUTHORITY));
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setIdleTimeout(options.clientTimeout().toMillis());
    server.addConnector(connector);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowCauses(false);
    server.setErrorHandler(errors);
    server.setStopTimeout(0);
    return server;
  }

  /**
   * Passes each request to a worker, which runs {@link AdminApp#handle} with its deadline; when the
   * deadline runs out, the request's connection is closed. The connector's idle timeout is ignored
   * for the request from then on: it has done its part once the request line and headers are in.
   * Answers 503 in the moment between the server's start and {@link #app} being set, and once the
   * workers are shut down.
   */
  private static final class AppHandler extends Handler.Abstract.NonBlocking {
    private final Workers workers;
    private volatile AdminApp app;

    AppHandler(Workers workers) {
      this.workers = workers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      AdminApp current = app;
      try {
        if (current == null) {
          throw new RejectedExecutionException("still starting");
        }
        // from here on the worker's deadline bounds the waits for the client, not the idle timeout,
        // which would otherwise fail the reads of a request that waited in the queue for a worker
        request.addIdleTimeoutListener(timeout -> false);
        workers.execute(() -> request.getConnectionMetaData().getConnection().getEndPoint().close(),
            deadline -> current.handle(new Exchange(request, response, callback, deadline)));
      } catch (RejectedExecutionException e) {
        // starting or stopping
        Response.writeError(request, response, callback, 503);
      }
      return true;
    }
  }

  /**
   * How the app guards itself against other sites and slow clients. {@link #fromSystemProperties()}
   * reads them from the system properties named below (unset: the defaults), and the {@code with}
   * methods change one.
   *
   * @param allowedHosts the {@code Host} header values the app answers to, each a host name or IP
   *     address with an optional port ({@code admin.example.com}, {@code localhost:8080}, {@code
   *     [::1]:8080}; without a port it matches a {@code Host} without one, as browsers send it for
   *     ports 80 and 443). Empty, the default, stands for {@code 127.0.0.1}, {@code localhost},
   *     {@code [::1]} and the address the app is bound to, each with the bound port. System property
   *     {@value #ALLOWED_HOSTS}, comma-separated.
   * @param clientTimeout how long the app waits for one client: Jetty closes a connection that
   *     sends nothing for this long before its request line and headers are complete (its idle
   *     timeout), and a worker waits at most this long for the whole body from when it takes the
   *     request, and again for the whole answer to be taken. A slower client is cut off: its
   *     connection is closed. Default 10 seconds; system property {@value #CLIENT_TIMEOUT_MILLIS},
   *     in milliseconds
   * @param workers how many requests have their bodies read and are handled at once (Jetty reads
   *     the request lines and headers without them). Default 16; system property {@value #WORKERS}
   */
  public record Options(List<String> allowedHosts, Duration clientTimeout, int workers) {
    /** The system property with the allowed hosts, comma-separated. */
    public static final String ALLOWED_HOSTS = "optilock.admin.allowedHosts";
    /** The system property with the client timeout in milliseconds. */
    public static final String CLIENT_TIMEOUT_MILLIS = "optilock.admin.clientTimeoutMillis";
    /** The system property with the number of workers. */
    public static final String WORKERS = "optilock.admin.workers";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException for an allowed host that is not a host with an optional port,
     *     a timeout that is not positive, or fewer than one worker
     */
    public Options {
      allowedHosts = List.copyOf(allowedHosts);
      allowedHosts.forEach(AllowedHosts::checked);
      Objects.requireNonNull(clientTimeout, "clientTimeout");
      if (clientTimeout.isNegative() || clientTimeout.isZero()) {
        throw new IllegalArgumentException("the client timeout must be positive, not " + clientTimeout);
      }
      if (workers < 1) {
        throw new IllegalArgumentException("the app needs at least one worker, not " + workers);
      }
    }

    /** The defaults: the bound address and the loopback names, 10 seconds, 16 workers. */
    public static Options defaults() {
      return new Options(List.of(), Duration.ofSeconds(10), 16);
    }

    /**
     * The defaults, changed by whichever of the system properties {@value #ALLOWED_HOSTS}, {@value
     * #CLIENT_TIMEOUT_MILLIS} and {@value #WORKERS} are set.
     *
     * @throws IllegalArgumentException naming the property whose value is not valid
     */
    public static Options fromSystemProperties() {
      Options options = defaults();
      options = property(ALLOWED_HOSTS, options, (o, value) -> o.withAllowedHosts(
          Arrays.stream(value.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toArray(String[]::new)));
      options = property(CLIENT_TIMEOUT_MILLIS, options,
          (o, value) -> o.withClientTimeout(Duration.ofMillis(Long.parseLong(value))));
      return property(WORKERS, options, (o, value) -> o.withWorkers(Integer.parseInt(value)));
    }

    /** These options with {@code hosts} as the allowed hosts (none: the defaults). */
    public Options withAllowedHosts(String... hosts) {
      return new Options(List.of(hosts), clientTimeout, workers);
    }

    /** These options with another client timeout. */
    public Options withClientTimeout(Duration timeout) {
      return new Options(allowedHosts, timeout, workers);
    }

    /** These options with another number of workers. */
    public Options withWorkers(int count) {
      return new Options(allowedHosts, clientTimeout, count);
    }

    /** {@code options} changed by a system property, if it is set; a bad value names the property. */
    private static Options property(String property, Options options,
        BiFunction<Options, String, Options> change) {
      String value = System.getProperty(property);
      if (value == null || value.isBlank()) {
        return options;
      }
      try {
        return change.apply(options, value.strip());
      } catch (IllegalArgumentException e) {
        // NumberFormatException included
        throw new IllegalArgumentException("the system property " + property + " is \"" + value + "\", but "
            + (e instanceof NumberFormatException ? "must be a whole number" : e.getMessage()), e);
      }
    }
  }

  /** Where the app listens, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String host = address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort() + "/");
  }

  /** The app's database, for tests that play a second user writing directly. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** For tests: runs between the API's If-Match check and its write. */
  void beforeApiWrite(Runnable hook) {
    api.beforeWrite(hook);
  }

  /**
   * Stops listening and closes the connections, then waits up to five seconds for requests still
   * being handled to finish their database work. (Jetty's own graceful stop would wait for their
   * answers to be sent as well, to clients that may never take them, so it is not used.)
   */
  @Override
  public void close() {
    stop(server);
    workers.shutdown(Duration.ofSeconds(5));
  }

  private static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("[admin] stopping the server: " + e);
    }
  }

  /**
   * One request, on a worker whose deadline is running: the checks that need no body, the body, then
   * (with the clock stopped) the route. A client that is too slow, or gone, has its connection
   * closed ({@link Exchange#close}).
   */
  private void handle(Exchange ex) {
    try {
      answer(ex);
    } catch (UncheckedIOException e) {
      // too slow, or gone: closed below
    } finally {
      ex.close();
    }
  }

  private void answer(Exchange ex) {
    boolean json = !ex.segments().isEmpty() && ex.segments().get(0).equals("api");
    try {
      screen(ex);
      ex.receive();
      route(ex);
    } catch (UncheckedIOException e) {
      throw e;
    } catch (HttpError e) {
      if (json) {
        ex.json(e.status(), Json.error(reason(e.status()), e.getMessage()), null);
      } else {
        ex.html(e.status(), Html.page(reason(e.status()), "<h1>" + Html.esc(reason(e.status()))
            + "</h1>" + Html.notice("error", Html.esc(e.getMessage()))
            + "<p><a class=\"button\" href=\"/articles\">Back to the articles</a></p>"));
      }
    } catch (RuntimeException e) {
      System.err.println("[admin] " + ex.method() + " failed: " + e);
      e.printStackTrace();
      String message = "Something went wrong on the server; nothing was changed by this request"
          + " unless the page said so.";
      if (json) {
        ex.json(500, Json.error(reason(500), message), null);
      } else {
        ex.html(500, Html.page(reason(500), "<h1>Server error</h1>" + Html.notice("error", message)));
      }
    }
  }

  /**
   * Refuses, before anything is read or written: a request for a host the app does not answer to
   * (DNS rebinding; 421, or 400 without exactly one valid {@code Host}), and a state-changing request
   * that a browser sent from another site (403).
   */
  private void screen(Exchange ex) {
    List<String> host = ex.headerLines("Host");
    if (host.size() != 1 || !AllowedHosts.isHost(host.get(0))) {
      throw new HttpError(400, "The request needs exactly one Host header with a host name and an"
          + " optional port.");
    }
    String target = ex.targetAuthority();
    if (!allowedHosts.allows(host.get(0)) || (target != null && !allowedHosts.allows(target))) {
      throw new HttpError(421, "This server does not answer for that host name. If you reach it"
          + " through a name of your own, start it with -D" + Options.ALLOWED_HOSTS + "=<name:port>.");
    }
    if (!SAFE_METHODS.contains(ex.method())) {
      String refusal = allowedHosts.crossSite(ex.header("Origin"), ex.header("Sec-Fetch-Site"),
          ex.header("Referer"));
      if (refusal != null) {
        throw new HttpError(403, refusal);
      }
    }
  }

  private void route(Exchange ex) {
    List<String> s = ex.segments();
    String method = ex.method();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (s.isEmpty()) {
      if (!read) {
        ex.methodNotAllowed("GET", "HEAD");
      }
      ex.redirect("/articles");
      return;
    }
    if (s.get(0).equals("articles")) {
      if (s.size() == 1) {
        if (!read) {
          ex.methodNotAllowed("GET", "HEAD");
        }
        pages.list(ex);
        return;
      }
      if (s.size() == 2) {
        switch (s.get(1)) {
          case "titles" -> {
            if (read) {
              pages.titles(ex);
            } else if (method.equals("POST")) {
              pages.saveTitles(ex);
            } else {
              ex.methodNotAllowed("GET", "HEAD", "POST");
            }
          }
          case "delete" -> {
            if (!method.equals("POST")) {
              ex.methodNotAllowed("POST");
            }
            pages.deleteSelected(ex);
          }
          default -> {
            long id = id(s.get(1));
            if (read) {
              pages.edit(ex, id);
            } else if (method.equals("POST")) {
              pages.save(ex, id);
            } else {
              ex.methodNotAllowed("GET", "HEAD", "POST");
            }
          }
        }
        return;
      }
    }
    if (s.get(0).equals("api") && s.size() >= 2 && s.get(1).equals("articles")) {
      if (s.size() == 2) {
        api.list(ex);
        return;
      }
      if (s.size() == 3) {
        api.one(ex, id(s.get(2)));
        return;
      }
    }
    throw new HttpError(404, "There is nothing at this address.");
  }

  private static long id(String segment) {
    Long id = ArticlePages.number(segment);
    if (id == null) {
      throw new HttpError(404, "There is no such article.");
    }
    return id;
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 421 -> "Misdirected Request";
      case 422 -> "Unprocessable Content";
      case 428 -> "Precondition Required";
      case 500 -> "Internal Server Error";
      default -> "Error " + status;
    };
  }

  private static void createSchema(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS article (id INTEGER PRIMARY KEY, title TEXT,"
          + " body TEXT, version INTEGER NOT NULL)");
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM article")) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("creating the article table", e));
    }
    ArticleRepository articles = new ArticleRepository(dataSource);
    long id = 1;
    for (Map.Entry<String, String> sample : SAMPLES) {
      articles.insert(new dev.optilock.samples.Article(id++, sample.getKey(), sample.getValue(), 0));
    }
  }

  private static final List<Map.Entry<String, String>> SAMPLES = List.of(
      Map.entry("Optimistic locking in five minutes",
          "Every row carries a version. An update names the version it read, and changes nothing"
              + " when the row has moved on."),
      Map.entry("Why lost updates happen",
          "Two people open the same record, both save, and the second save silently wins."),
      Map.entry("ETags and If-Match",
          "HTTP has optimistic locking built in: the ETag is the version, If-Match is the check."),
      Map.entry("Editing many rows at once",
          "A list page saves every changed row; the ones someone else changed are reported, not"
              + " overwritten."),
      Map.entry("Guarded bulk actions",
          "Delete selected runs only if every selected row is still what the user saw."));
}
