package dev.optilock.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin app over real HTTP, with the JDK's client: the JSON API's status codes and the forms' tokens. */
class AdminApiTest {
  private static final Pattern TOKEN_ETAG = Pattern.compile("\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}\"");

  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private AdminApp app;
  private ArticleRepository articles;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    app = AdminApp.start("127.0.0.1", 0, dir.resolve("admin.db"), key);
    articles = new ArticleRepository(app.dataSource());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  // ---------------------------------------------------------------- GET

  @Test
  void getAnswersTheArticleWithAStrongQuotedETag() throws Exception {
    HttpResponse<String> response = send("GET", "api/articles/1", null);
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertTrue(TOKEN_ETAG.matcher(etag).matches(), etag);
    assertTrue(response.body().startsWith("{\"id\":1,\"title\":\"Optimistic locking in five minutes\""),
        response.body());
    assertTrue(response.body().endsWith("\"version\":1}"), response.body());
  }

  @Test
  void theListAndAMissingArticle() throws Exception {
    HttpResponse<String> list = send("GET", "api/articles", null);
    assertEquals(200, list.statusCode());
    assertEquals(5, list.body().split("\"version\":").length - 1, list.body());
    HttpResponse<String> missing = send("GET", "api/articles/99", null);
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("\"error\":\"Not Found\""), missing.body());
  }

  @Test
  void ifNoneMatchWithTheCurrentTagIs304() throws Exception {
    String etag = etag(1);
    HttpResponse<String> response = send("GET", "api/articles/1", null, "If-None-Match", etag);
    assertEquals(304, response.statusCode());
    assertEquals(etag, response.headers().firstValue("ETag").orElseThrow());
    assertEquals("", response.body());
  }

  // ---------------------------------------------------------------- PUT

  @Test
  void putWithTheCurrentETagIs200WithANewETag() throws Exception {
    String before = etag(1);
    HttpResponse<String> response = put(1, "{\"title\":\"Renamed\",\"body\":\"New body\"}", "If-Match", before);
    assertEquals(200, response.statusCode(), response.body());
    String after = response.headers().firstValue("ETag").orElseThrow();
    assertNotEquals(before, after);
    assertTrue(TOKEN_ETAG.matcher(after).matches(), after);
    assertEquals("{\"id\":1,\"title\":\"Renamed\",\"body\":\"New body\",\"version\":2}", response.body());
    assertEquals(after, etag(1));
    assertEquals(new Article(1, "Renamed", "New body", 2), articles.findById(1).orElseThrow());
    // the old tag is stale now
    assertEquals(412, put(1, "{\"title\":\"Again\",\"body\":null}", "If-Match", before).statusCode());
  }

  @Test
  void putWithoutIfMatchIs428AndWritesNothing() throws Exception {
    HttpResponse<String> response = put(1, "{\"title\":\"Blind\",\"body\":\"x\"}");
    assertEquals(428, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"Precondition Required\""), response.body());
    assertTrue(response.body().contains("If-Match"), response.body());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void putWithAStaleETagIs412AndWritesNothing() throws Exception {
    String stale = etag(1);
    Article other = articles.update(articles.findById(1).orElseThrow().withTitle("Someone else's"));
    HttpResponse<String> response = put(1, "{\"title\":\"Mine\",\"body\":\"x\"}", "If-Match", stale);
    assertEquals(412, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"Precondition Failed\""), response.body());
    assertEquals(other, articles.findById(1).orElseThrow());
  }

  @Test
  void weakTagsAndTagsOfAnotherRowNeverMatch() throws Exception {
    String current = etag(1);
    assertEquals(412, put(1, "{\"title\":\"x\",\"body\":\"x\"}", "If-Match", "W/" + current).statusCode());
    // article 2 is at version 1 too, but its tag is bound to its id
    assertEquals(412, put(1, "{\"title\":\"x\",\"body\":\"x\"}", "If-Match", etag(2)).statusCode());
    // a bare version is not a tag this API issues
    assertEquals(412, put(1, "{\"title\":\"x\",\"body\":\"x\"}", "If-Match", "\"1\"").statusCode());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void aListOfTagsOrAStarMatches() throws Exception {
    assertEquals(200, put(1, "{\"title\":\"a\",\"body\":\"x\"}", "If-Match", "\"old\", " + etag(1)).statusCode());
    assertEquals(200, put(1, "{\"title\":\"b\",\"body\":\"x\"}", "If-Match", "*").statusCode());
    assertEquals(3, articles.findById(1).orElseThrow().version());
  }

  @Test
  void aMalformedIfMatchIs400WithoutEchoingIt() throws Exception {
    HttpResponse<String> response = put(1, "{\"title\":\"x\",\"body\":\"x\"}", "If-Match", "<script>alert(1)</script>");
    assertEquals(400, response.statusCode());
    assertFalse(response.body().contains("script"), response.body());
  }

  @Test
  void aCompareAndSetLostAfterTheCheckIs409WithTheCurrentRepresentation() throws Exception {
    String etag = etag(1);
    app.beforeApiWrite(() -> articles.update(articles.findById(1).orElseThrow().withTitle("Won the race")));
    HttpResponse<String> response = put(1, "{\"title\":\"Lost the race\",\"body\":\"x\"}", "If-Match", etag);
    app.beforeApiWrite(null);
    assertEquals(409, response.statusCode(), response.body());
    Article stored = articles.findById(1).orElseThrow();
    assertEquals("Won the race", stored.title());
    assertEquals(2, stored.version());
    assertTrue(response.body().startsWith("{\"error\":\"conflict\",\"detail\":\"the Article changed after you read version 1"),
        response.body());
    assertTrue(response.body().contains("\"current\":{\"id\":1,\"title\":\"Won the race\""), response.body());
    assertTrue(response.body().endsWith("\"version\":2}}"), response.body());
    String current = response.headers().firstValue("ETag").orElseThrow();
    assertEquals(etag(1), current);
    // merging onto the enclosed representation and sending its tag succeeds
    assertEquals(200, put(1, "{\"title\":\"Merged\",\"body\":\"x\"}", "If-Match", current).statusCode());
  }

  @Test
  void aRowDeletedAfterTheCheckIs409WithoutARepresentation() throws Exception {
    String etag = etag(1);
    app.beforeApiWrite(() -> articles.delete(articles.findById(1).orElseThrow()));
    HttpResponse<String> response = put(1, "{\"title\":\"Too late\",\"body\":\"x\"}", "If-Match", etag);
    assertEquals(409, response.statusCode());
    assertTrue(response.body().contains("\"current\":null"), response.body());
    assertTrue(response.body().contains("was deleted"), response.body());
    assertTrue(response.headers().firstValue("ETag").isEmpty());
    assertEquals(404, send("GET", "api/articles/1", null).statusCode());
  }

  @Test
  void badBodiesAre400Or415AndNeverEchoed() throws Exception {
    String etag = etag(1);
    for (String body : new String[] {"{\"title\":\"<img src=x onerror=alert(1)>\"", "not json <script>",
        "{\"title\":\"x\",\"body\":\"x\",\"evil<script>\":1}", "{\"title\":{\"nested\":1},\"body\":\"x\"}",
        "{\"title\":\"\",\"body\":\"x\"}", "{\"title\":\"x\",\"body\":7}", "{\"id\":2,\"title\":\"x\",\"body\":\"x\"}"}) {
      HttpResponse<String> response = put(1, body, "If-Match", etag);
      assertEquals(400, response.statusCode(), body);
      assertFalse(response.body().contains("script") || response.body().contains("onerror"), response.body());
    }
    HttpResponse<String> form = send("PUT", "api/articles/1", "title=x", "If-Match", etag,
        "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(415, form.statusCode());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void jsonOutputIsEscaped() throws Exception {
    HttpResponse<String> response = put(1, "{\"title\":\"Quote \\\" and <b>\",\"body\":\"line\\nbreak \\u2028\"}",
        "If-Match", etag(1));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("{\"id\":1,\"title\":\"Quote \\\" and \\u003cb\\u003e\",\"body\":\"line\\nbreak \\u2028\",\"version\":2}",
        response.body());
    assertEquals("Quote \" and <b>", articles.findById(1).orElseThrow().title());
  }

  // ---------------------------------------------------------------- DELETE and methods

  @Test
  void deleteNeedsTheCurrentETag() throws Exception {
    assertEquals(428, send("DELETE", "api/articles/1", null).statusCode());
    String etag = etag(1);
    articles.update(articles.findById(1).orElseThrow().withTitle("Changed"));
    assertEquals(412, send("DELETE", "api/articles/1", null, "If-Match", etag).statusCode());
    assertEquals(204, send("DELETE", "api/articles/1", null, "If-Match", etag(1)).statusCode());
    assertTrue(articles.findById(1).isEmpty());
    assertEquals(404, send("DELETE", "api/articles/1", null, "If-Match", "*").statusCode());
  }

  @Test
  void otherMethodsAre405WithAllow() throws Exception {
    HttpResponse<String> response = send("POST", "api/articles/1", "{}", "Content-Type", "application/json");
    assertEquals(405, response.statusCode());
    assertEquals("GET, HEAD, PUT, DELETE", response.headers().firstValue("Allow").orElseThrow());
  }

  // ---------------------------------------------------------------- forms and tokens

  @Test
  void theEditFormSavesWithItsTokenAndRedirects() throws Exception {
    String token = hidden(send("GET", "articles/2", null).body(), "token");
    HttpResponse<String> response = postForm("articles/2", Map.of("token", token, "title", "Edited",
        "body", "Body\r\nwith CR LF", "base_title", "", "base_body", ""));
    assertEquals(303, response.statusCode(), response.body());
    assertEquals("/articles?saved=2", response.headers().firstValue("Location").orElseThrow());
    assertEquals(new Article(2, "Edited", "Body\nwith CR LF", 2), articles.findById(2).orElseThrow());
    String list = send("GET", "articles?saved=2", null).body();
    assertTrue(list.contains("it is now version 2"), list);
  }

  @Test
  void aStaleFormIs409WithBothVersions() throws Exception {
    String page = send("GET", "articles/2", null).body();
    String token = hidden(page, "token");
    articles.update(articles.findById(2).orElseThrow().withTitle("Theirs"));
    HttpResponse<String> response = postForm("articles/2", Map.of("token", token, "title", "Mine",
        "body", hidden(page, "base_body"), "base_title", hidden(page, "base_title"),
        "base_body", hidden(page, "base_body")));
    assertEquals(409, response.statusCode());
    assertTrue(response.body().contains("<td class=\"text mine\">Mine</td>"), response.body());
    assertTrue(response.body().contains("<td class=\"text theirs\">Theirs</td>"), response.body());
    assertTrue(response.body().contains("<tr class=\"differs\" data-field=\"title\">"), response.body());
    assertTrue(response.body().contains("<tr data-field=\"body\">"), response.body());
    assertEquals("Theirs", articles.findById(2).orElseThrow().title());
  }

  @Test
  void aFormForAnArticleDeletedMeanwhileIs409AndSaysSo() throws Exception {
    String token = hidden(send("GET", "articles/3", null).body(), "token");
    articles.delete(articles.findById(3).orElseThrow());
    HttpResponse<String> response = postForm("articles/3", Map.of("token", token, "title", "Mine", "body", "x"));
    assertEquals(409, response.statusCode());
    assertTrue(response.body().contains("Article 3 was deleted while you were editing it"), response.body());
    assertTrue(response.body().contains("<td class=\"text\">Mine</td>"), response.body());
    assertTrue(articles.findById(3).isEmpty());
  }

  @Test
  void anEmptyTitleIs422WithTheFormAgainAndNothingSaved() throws Exception {
    String token = hidden(send("GET", "articles/1", null).body(), "token");
    HttpResponse<String> response = postForm("articles/1", Map.of("token", token, "title", "  ", "body", "kept"));
    assertEquals(422, response.statusCode());
    assertTrue(response.body().contains("The title must not be empty."), response.body());
    assertEquals(token, hidden(response.body(), "token"));
    assertTrue(response.body().contains(">\nkept</textarea>"), response.body());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void headAnswersTheHeadersOnly() throws Exception {
    HttpResponse<String> response = send("HEAD", "api/articles/1", null);
    assertEquals(200, response.statusCode());
    assertEquals(etag(1), response.headers().firstValue("ETag").orElseThrow());
    assertEquals("", response.body());
  }

  @Test
  void aTamperedTokenIs403AndAGarbledOneIs400AndNeitherIsEchoed() throws Exception {
    String token = hidden(send("GET", "articles/1", null).body(), "token");
    int last = token.length() - 2;
    String tampered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
    HttpResponse<String> forged = postForm("articles/1", Map.of("token", tampered, "title", "x", "body", "x"));
    assertEquals(403, forged.statusCode());
    assertFalse(forged.body().contains(tampered), forged.body());
    assertFalse(forged.body().contains(tampered.substring(0, 10)), forged.body());
    assertTrue(forged.body().contains("does not match this row"), forged.body());

    String script = "<script>alert(document.cookie)</script>";
    HttpResponse<String> garbled = postForm("articles/1", Map.of("token", script, "title", "x", "body", "x"));
    assertEquals(400, garbled.statusCode());
    assertFalse(garbled.body().contains("alert"), garbled.body());
    assertTrue(garbled.body().contains("malformed"), garbled.body());

    // another row's token
    String other = hidden(send("GET", "articles/2", null).body(), "token");
    assertEquals(403, postForm("articles/1", Map.of("token", other, "title", "x", "body", "x")).statusCode());
    assertEquals(400, postForm("articles/1", Map.of("title", "x", "body", "x")).statusCode());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void aTamperedSelectionDeletesNothing() throws Exception {
    String token = hidden(send("GET", "articles/1", null).body(), "token");
    HttpResponse<String> response = postForm("articles/delete", Map.of("selected", "2:" + token));
    assertEquals(403, response.statusCode());
    assertEquals(5, articles.findAll().size());
  }

  @Test
  void userTextIsEscapedOnEveryPage() throws Exception {
    String evil = "<script>alert('x')</script> & \"quotes\"";
    articles.update(new Article(1, evil, evil, 1));
    for (String path : new String[] {"articles", "articles/1", "articles/titles"}) {
      String page = send("GET", path, null).body();
      assertFalse(page.contains("<script>"), path);
      assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), path);
    }
    HttpResponse<String> page = send("GET", "articles", null);
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'"));
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
  }

  @Test
  void unknownAddressesAre404() throws Exception {
    assertEquals(404, send("GET", "nothing", null).statusCode());
    assertEquals(404, send("GET", "articles/abc", null).statusCode());
    assertEquals(404, send("GET", "articles/99", null).statusCode());
    assertEquals(303, send("GET", "", null).statusCode());
  }

  // ---------------------------------------------------------------- status lines

  @Test
  void statusLinesCarryTheReasonPhraseOf421And422And428() throws Exception {
    int port = app.uri().getPort();
    Duration timeout = Duration.ofSeconds(10);
    RawHttp.Response put = RawHttp.send(port, timeout, "{\"title\":\"Blind\",\"body\":\"x\"}",
        "PUT /api/articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port, "Content-Type: application/json");
    assertEquals("HTTP/1.1 428 Precondition Required", put.statusLine(), put.toString());
    RawHttp.Response delete = RawHttp.send(port, timeout, null, "DELETE /api/articles/1 HTTP/1.1",
        "Host: 127.0.0.1:" + port);
    assertEquals("HTTP/1.1 428 Precondition Required", delete.statusLine(), delete.toString());

    RawHttp.Response foreign = RawHttp.send(port, timeout, null, "GET /api/articles/1 HTTP/1.1",
        "Host: evil.example:" + port);
    assertEquals("HTTP/1.1 421 Misdirected Request", foreign.statusLine(), foreign.toString());

    String token = hidden(send("GET", "articles/1", null).body(), "token");
    RawHttp.Response empty = RawHttp.send(port, timeout,
        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&title=+&body=kept",
        "POST /articles/1 HTTP/1.1", "Host: 127.0.0.1:" + port,
        "Content-Type: application/x-www-form-urlencoded");
    // Jetty's phrase is RFC 4918's; RFC 9110 calls 422 "Unprocessable Content" (the phrase is advisory)
    assertEquals("HTTP/1.1 422 Unprocessable Entity", empty.statusLine(), empty.toString());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  // ---------------------------------------------------------------- helpers

  private String etag(long id) throws Exception {
    return send("GET", "api/articles/" + id, null).headers().firstValue("ETag").orElseThrow();
  }

  private HttpResponse<String> put(long id, String json, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = "Content-Type";
    all[headers.length + 1] = "application/json";
    return send("PUT", "api/articles/" + id, json, all);
  }

  private HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
    String body = new LinkedHashMap<>(fields).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send("POST", path, body, "Content-Type", "application/x-www-form-urlencoded");
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.uri() + path))
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a hidden input, unescaped (tokens and plain sample text only). */
  private static String hidden(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(page);
    assertTrue(m.find(), name);
    return m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }
}
