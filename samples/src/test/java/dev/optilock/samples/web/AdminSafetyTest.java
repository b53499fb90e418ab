package dev.optilock.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin app against other sites and slow clients, over real sockets: a foreign {@code Host}
 * (DNS rebinding) gets no data, a cross-site write is refused and writes nothing, and clients that
 * stall their requests or never take their answers neither freeze the app nor hold a worker longer
 * than the timeout. What is stored is checked with plain JDBC on the app's SQLite file.
 */
class AdminSafetyTest {
  /** How long a test waits for an answer that should come at once. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
  private static final String FIRST_TITLE = "Optimistic locking in five minutes";

  @TempDir
  Path dir;

  private final List<AdminApp> apps = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    apps.forEach(AdminApp::close);
  }

  // ---------------------------------------------------------------- Host

  @Test
  void aForeignHostGetsNoData() throws Exception {
    int port = port(start());
    String etag = send(port, "GET /api/articles/1 HTTP/1.1").header("ETag");
    for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port,
        "localhost:" + (port == 65535 ? 1 : port + 1), "127.0.0.1")) {
      for (String path : List.of("/api/articles", "/api/articles/1", "/articles", "/articles/1",
          "/articles/titles", "/")) {
        RawHttp.Response response = RawHttp.send(port, PROMPTLY, null, "GET " + path + " HTTP/1.1",
            "Host: " + host);
        assertEquals(421, response.status(), host + " " + path + ": " + response);
        assertNoData(response);
      }
      // a rebound page that read nothing cannot write either
      RawHttp.Response put = RawHttp.send(port, PROMPTLY, "{\"title\":\"Rebound\",\"body\":\"x\"}",
          "PUT /api/articles/1 HTTP/1.1", "Host: " + host, "If-Match: " + etag,
          "Content-Type: application/json");
      assertEquals(421, put.status(), put.toString());
      assertNoData(put);
    }
    // a request target in absolute form names the host too
    RawHttp.Response absolute = RawHttp.send(port, PROMPTLY, null,
        "GET http://evil.example:" + port + "/api/articles HTTP/1.1", "Host: 127.0.0.1:" + port);
    assertEquals(421, absolute.status(), absolute.toString());
    assertNoData(absolute);
    // HTTP/1.1 requires exactly one Host
    for (String[] head : new String[][] {{"GET /api/articles HTTP/1.0"},
        {"GET /api/articles HTTP/1.1", "Host: 127.0.0.1:" + port, "Host: evil.example"},
        {"GET /api/articles HTTP/1.1", "Host: 127.0.0.1:" + port + "/x"}}) {
      RawHttp.Response response = RawHttp.send(port, PROMPTLY, null, head);
      assertEquals(400, response.status(), String.join(" | ", head) + ": " + response);
      assertNoData(response);
    }
    assertEquals(List.of(FIRST_TITLE + "|1"), stored(1));
  }

  @Test
  void theAppsOwnNamesAreServed() throws Exception {
    int port = port(start());
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port,
        "[::1]:" + port)) {
      RawHttp.Response response = RawHttp.send(port, PROMPTLY, null, "GET /api/articles/1 HTTP/1.1",
          "Host: " + host);
      assertEquals(200, response.status(), host + ": " + response);
      assertTrue(response.body().contains(FIRST_TITLE), response.body());
    }
  }

  @Test
  void configuredHostsReplaceTheDefaults() throws Exception {
    AdminApp app = start(AdminApp.Options.fromSystemProperties()
        .withAllowedHosts("admin.example", "Admin.Example:8443"));
    int port = port(app);
    for (String host : List.of("admin.example", "admin.example:8443")) {
      assertEquals(200, RawHttp.send(port, PROMPTLY, null, "GET /api/articles/1 HTTP/1.1",
          "Host: " + host).status(), host);
    }
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "admin.example:8080")) {
      assertEquals(421, RawHttp.send(port, PROMPTLY, null, "GET /api/articles/1 HTTP/1.1",
          "Host: " + host).status(), host);
    }
    // behind a TLS proxy: the browser's origin is https://admin.example
    String page = RawHttp.send(port, PROMPTLY, null, "GET /articles/1 HTTP/1.1", "Host: admin.example").body();
    RawHttp.Response save = RawHttp.send(port, PROMPTLY, form(hidden(page, "token"), "Via the proxy"),
        "POST /articles/1 HTTP/1.1", "Host: admin.example", "Origin: https://admin.example",
        "Content-Type: application/x-www-form-urlencoded");
    assertEquals(303, save.status(), save.toString());
    assertEquals(List.of("Via the proxy|2"), stored(1));

    for (String bad : new String[] {"http://admin.example", "admin example", "admin.example:http",
        "admin.example:99999", "", "[::1"}) {
      assertThrows(IllegalArgumentException.class,
          () -> AdminApp.Options.fromSystemProperties().withAllowedHosts(bad), bad);
    }
  }

  @Test
  void theOptionsComeFromSystemProperties() {
    List<String> names = List.of(AdminApp.Options.ALLOWED_HOSTS, AdminApp.Options.CLIENT_TIMEOUT_MILLIS,
        AdminApp.Options.WORKERS);
    try {
      assertEquals(AdminApp.Options.defaults(), AdminApp.Options.fromSystemProperties());
      System.setProperty(AdminApp.Options.ALLOWED_HOSTS, " admin.example:8443, ,localhost ");
      System.setProperty(AdminApp.Options.CLIENT_TIMEOUT_MILLIS, "2500");
      System.setProperty(AdminApp.Options.WORKERS, "3");
      assertEquals(new AdminApp.Options(List.of("admin.example:8443", "localhost"), Duration.ofMillis(2500), 3),
          AdminApp.Options.fromSystemProperties());
      for (String[] bad : new String[][] {{AdminApp.Options.WORKERS, "0"}, {AdminApp.Options.WORKERS, "many"},
          {AdminApp.Options.CLIENT_TIMEOUT_MILLIS, "10s"}, {AdminApp.Options.ALLOWED_HOSTS, "http://admin.example"}}) {
        System.setProperty(bad[0], bad[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            AdminApp.Options::fromSystemProperties, bad[1]);
        assertTrue(e.getMessage().startsWith("the system property " + bad[0] + " is \"" + bad[1] + "\", but "),
            e.getMessage());
        System.clearProperty(bad[0]);
      }
    } finally {
      names.forEach(System::clearProperty);
    }
  }

  // ---------------------------------------------------------------- Origin

  @Test
  void crossSiteWritesAreRefusedAndWriteNothing() throws Exception {
    int port = port(start());
    String token = hidden(send(port, "GET /articles/1 HTTP/1.1").body(), "token");
    String etag = send(port, "GET /api/articles/1 HTTP/1.1").header("ETag");
    String other = "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1);
    for (String header : List.of("Origin: http://evil.example", "Origin: http://evil.example:" + port,
        "Origin: null", "Origin: " + other, "Origin: http://127.0.0.1:" + port + ".evil.example",
        "Origin: file://", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site",
        "Referer: http://evil.example/page", "Referer: " + other + "/articles/1")) {
      RawHttp.Response save = RawHttp.send(port, PROMPTLY, form(token, "Forged"),
          "POST /articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port, header,
          "Content-Type: application/x-www-form-urlencoded");
      assertEquals(403, save.status(), header + ": " + save);
      assertFalse(save.body().contains("Forged"), save.body());
      assertNoData(save);

      RawHttp.Response put = RawHttp.send(port, PROMPTLY, "{\"title\":\"Forged\",\"body\":\"x\"}",
          "PUT /api/articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port, header, "If-Match: " + etag,
          "Content-Type: application/json");
      assertEquals(403, put.status(), header + ": " + put);
      RawHttp.Response delete = RawHttp.send(port, PROMPTLY, null, "DELETE /api/articles/2 HTTP/1.1",
          "Host: 127.0.0.1:" + port, header, "If-Match: *");
      assertEquals(403, delete.status(), header + ": " + delete);
      RawHttp.Response titles = RawHttp.send(port, PROMPTLY,
          "token.3=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&title.3=Forged&base.3=x",
          "POST /articles/titles HTTP/1.1", "Host: 127.0.0.1:" + port, header,
          "Content-Type: application/x-www-form-urlencoded");
      assertEquals(403, titles.status(), header + ": " + titles);
    }
    try (Connection db = jdbc(); Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(version), SUM(title = 'Forged')"
            + " FROM article")) {
      rows.next();
      assertEquals(5, rows.getInt(1), "rows");
      assertEquals(1, rows.getInt(2), "highest version");
      assertEquals(0, rows.getInt(3), "forged titles");
    }
  }

  @Test
  void sameOriginWritesAndClientsWithoutOriginWork() throws Exception {
    int port = port(start());
    int version = 1;
    for (String header : new String[] {"Origin: http://127.0.0.1:" + port, "Origin: http://localhost:" + port,
        "Origin: http://[::1]:" + port, "Sec-Fetch-Site: same-origin", "Sec-Fetch-Site: none",
        "Referer: http://127.0.0.1:" + port + "/articles/1", null}) {
      String token = hidden(send(port, "GET /articles/1 HTTP/1.1").body(), "token");
      String title = "Saved with " + header;
      List<String> head = new ArrayList<>(List.of("POST /articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port,
          "Content-Type: application/x-www-form-urlencoded"));
      if (header != null) {
        head.add(header);
      }
      RawHttp.Response save = RawHttp.send(port, PROMPTLY, form(token, title), head.toArray(String[]::new));
      assertEquals(303, save.status(), header + ": " + save);
      assertEquals(List.of(title + "|" + ++version), stored(1));
    }
    String etag = send(port, "GET /api/articles/1 HTTP/1.1").header("ETag");
    RawHttp.Response put = RawHttp.send(port, PROMPTLY, "{\"title\":\"Put\",\"body\":\"x\"}",
        "PUT /api/articles/1 HTTP/1.1", "Host: localhost:" + port, "Origin: http://localhost:" + port,
        "If-Match: " + etag, "Content-Type: application/json");
    assertEquals(200, put.status(), put.toString());
    assertEquals(List.of("Put|" + ++version), stored(1));
  }

  // ---------------------------------------------------------------- slow clients

  @Test
  void stalledClientsDoNotHoldUpOtherRequests() throws Exception {
    // more stalled clients than the four workers the app used to have; none is cut off meanwhile
    int port = port(start(AdminApp.Options.fromSystemProperties().withClientTimeout(Duration.ofSeconds(60))));
    for (int i = 0; i < 4; i++) {
      sockets.add(RawHttp.stall(port, stalledBody(port)));
      sockets.add(RawHttp.stall(port, stalledHead(port)));
    }
    // and connections that say nothing at all, which hold no worker: with the 8 above, they would
    // take all 16 workers if they did
    for (int i = 0; i < 8; i++) {
      sockets.add(RawHttp.stall(port, ""));
    }
    RawHttp.Response response = send(port, "GET /api/articles/1 HTTP/1.1");
    assertEquals(200, response.status(), response.toString());
    for (Socket socket : sockets) {
      assertFalse(RawHttp.isClosed(socket), "a stalled client was cut off before its time");
    }
  }

  @Test
  void clientsStalledInTheirHeadersHoldNoWorker() throws Exception {
    // one worker and a long timeout: a worker waiting for any of these heads would hold up the GET
    int port = port(start(AdminApp.Options.fromSystemProperties().withWorkers(1)
        .withClientTimeout(Duration.ofSeconds(60))));
    for (int i = 0; i < 4; i++) {
      sockets.add(RawHttp.stall(port, stalledHead(port)));
    }
    RawHttp.Response response = send(port, "GET /api/articles/1 HTTP/1.1");
    assertEquals(200, response.status(), response.toString());
    for (Socket socket : sockets) {
      assertFalse(RawHttp.isClosed(socket), "a stalled client was cut off before its time");
    }
  }

  @Test
  void moreStalledClientsThanWorkersDelayARequestByAtMostTheTimeoutEach() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    int port = port(start(AdminApp.Options.fromSystemProperties().withWorkers(2).withClientTimeout(timeout)));
    String etag = send(port, "GET /api/articles/1 HTTP/1.1").header("ETag");
    for (int i = 0; i < 5; i++) {
      sockets.add(RawHttp.stall(port, i % 2 == 0 ? stalledBody(port) : stalledHead(port)));
    }
    // five stalled requests on two workers: three rounds of one timeout each, then this one
    RawHttp.Response put = RawHttp.send(port, Duration.ofSeconds(20), "{\"title\":\"Served\",\"body\":\"x\"}",
        "PUT /api/articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port, "If-Match: " + etag,
        "Content-Type: application/json");
    assertEquals(200, put.status(), put.toString());
    assertEquals(List.of("Served|2"), stored(1));
    for (Socket socket : sockets) {
      RawHttp.readUntilClosed(socket, PROMPTLY);
    }
  }

  @Test
  void aStalledClientIsCutOffAfterTheTimeout() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    // one worker: the write below runs on the very thread whose reads were cut off
    int port = port(start(AdminApp.Options.fromSystemProperties().withWorkers(1).withClientTimeout(timeout)));
    String token = hidden(send(port, "GET /articles/1 HTTP/1.1").body(), "token");
    String complete = form(token, "Never arrives");
    for (String partial : new String[] {stalledHead(port),
        "POST /articles/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + complete.length() + "\r\n\r\n" + complete.substring(0, complete.length() - 3)}) {
      long start = System.nanoTime();
      Socket socket = RawHttp.stall(port, partial);
      sockets.add(socket);
      RawHttp.readUntilClosed(socket, timeout.plus(PROMPTLY));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(timeout) >= 0, "cut off after " + took + ", before the timeout");
    }
    assertEquals(List.of(FIRST_TITLE + "|1"), stored(1));
    RawHttp.Response save = RawHttp.send(port, PROMPTLY, form(token, "In time"), "POST /articles/1 HTTP/1.1",
        "Host: 127.0.0.1:" + port, "Content-Type: application/x-www-form-urlencoded");
    assertEquals(303, save.status(), save.toString());
    assertEquals(List.of("In time|2"), stored(1));
  }

  @Test
  void clientsThatDoNotTakeTheirAnswerInTimeAreCutOff() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    int port = port(start(AdminApp.Options.fromSystemProperties().withWorkers(2).withClientTimeout(timeout)));
    // 500 articles of 20,000 characters: /api/articles is over 10 MB, more than the sockets buffer
    try (Connection db = jdbc();
        PreparedStatement insert = db.prepareStatement("INSERT INTO article VALUES (?, ?, ?, 1)")) {
      db.setAutoCommit(false);
      for (int id = 100; id < 600; id++) {
        insert.setInt(1, id);
        insert.setString(2, "Long " + id);
        insert.setString(3, "x".repeat(20_000));
        insert.addBatch();
      }
      insert.executeBatch();
      db.commit();
    }
    // more clients that never read than workers: they would hold every worker for good
    for (int i = 0; i < 5; i++) {
      sockets.add(RawHttp.neverReading(port, "GET /api/articles HTTP/1.1", "Host: 127.0.0.1:" + port,
          "Connection: close"));
    }
    RawHttp.Response response = RawHttp.send(port, Duration.ofSeconds(20), null,
        "GET /api/articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port);
    assertEquals(200, response.status(), response.toString());
    for (Socket socket : sockets) {
      // an answer still being sent is now read, but at most 1.3 MB/s: with the server's socket buffer
      // (4 MB at most here) too slow for 10 MB in one second
      long received = RawHttp.readUntilClosed(socket, Duration.ofSeconds(20), 64 * 1024);
      assertTrue(received < 10_000_000, "the whole answer arrived: " + received + " bytes");
    }
  }

  // ---------------------------------------------------------------- helpers

  private AdminApp start() throws IOException {
    AdminApp app = AdminApp.start("127.0.0.1", 0, dir.resolve("admin.db"), key());
    apps.add(app);
    return app;
  }

  private AdminApp start(AdminApp.Options options) throws IOException {
    AdminApp app = AdminApp.start("127.0.0.1", 0, dir.resolve("admin.db"), key(), options);
    apps.add(app);
    return app;
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static int port(AdminApp app) {
    return app.uri().getPort();
  }

  /** A request from the app's own address that must be answered at once. */
  private static RawHttp.Response send(int port, String requestLine) throws IOException {
    return RawHttp.send(port, PROMPTLY, null, requestLine, "Host: 127.0.0.1:" + port);
  }

  /** A form post whose body stops after 10 of its 1000 bytes. */
  private static String stalledBody(int port) {
    return "POST /articles/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=abcd";
  }

  /** A request whose headers stop in the middle of a line. */
  private static String stalledHead(int port) {
    return "POST /articles/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Ty";
  }

  private static String form(String token, String title) {
    return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&title="
        + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&body=x";
  }

  /** A refusal carries no article text, no token and no ETag. */
  private static void assertNoData(RawHttp.Response response) {
    assertFalse(response.body().contains(FIRST_TITLE), response.body());
    assertFalse(response.body().contains("Why lost updates happen"), response.body());
    assertFalse(TOKEN.matcher(response.body()).find(), response.body());
    assertNull(response.header("ETag"), response.toString());
  }

  /** The value of a hidden input (tokens are base64url and a dot: nothing to unescape). */
  private static String hidden(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page);
    assertTrue(m.find(), name + " in " + page);
    return m.group(1);
  }

  /** "title|version" of the row, read with plain JDBC; empty when there is no such row. */
  private List<String> stored(long id) throws SQLException {
    try (Connection db = jdbc();
        PreparedStatement select = db.prepareStatement("SELECT title, version FROM article WHERE id = ?")) {
      select.setLong(1, id);
      List<String> rows = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(row.getString(1) + "|" + row.getLong(2));
        }
      }
      return rows;
    }
  }

  private Connection jdbc() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("admin.db").toAbsolutePath());
  }
}
