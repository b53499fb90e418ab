package dev.optilock.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The admin's article list pages through the articles with a derived finder and a PageRequest
 * ({@code ArticleQueries.findPageBy}), and searches titles with another: every article shows on
 * exactly one page, and the pager links and totals say where the user is.
 */
class AdminPagingTest {
  private static final Pattern ROW = Pattern.compile("<tr data-id=\"(\\d+)\">");

  @TempDir Path dir;

  private static List<Long> ids(String html) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  @Test
  void theListPagesThroughEveryArticleOnce() throws Exception {
    Path database = dir.resolve("admin.db");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (AdminApp app = AdminApp.start("127.0.0.1", 0, database, key)) {
      SQLiteDataSource dataSource = new SQLiteDataSource();
      dataSource.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
      ArticleRepository articles = new ArticleRepository(dataSource);
      long existing = articles.findAll().size();
      for (long id = 1000; id < 1045; id++) {
        articles.insert(new Article(id, id % 2 == 0 ? "Even " + id : "Odd " + id, "body", 0));
      }
      long total = existing + 45;
      int port = app.uri().getPort();
      List<Long> seen = new ArrayList<>();
      long pages = (total + 19) / 20;
      for (int page = 1; page <= pages; page++) {
        String html = get(port, "/articles?page=" + page);
        assertTrue(html.contains("Page " + page + " of " + pages + " (" + total + " articles)"), html);
        assertEquals(page > 1, html.contains("rel=\"prev\""));
        assertEquals(page < pages, html.contains("rel=\"next\""));
        seen.addAll(ids(html));
      }
      assertEquals(articles.findAll().stream().map(Article::id).toList(), seen);

      String odd = get(port, "/articles?q=ODD");
      List<Long> odds = ids(odd);
      assertEquals(20, odds.size());
      assertTrue(odd.contains("(22 articles matching"), odd);
      assertTrue(odds.stream().allMatch(id -> id % 2 == 1));
      assertFalse(get(port, "/articles?q=ODD&page=2").contains("rel=\"next\""));
      assertEquals(2, ids(get(port, "/articles?q=ODD&page=2")).size());
    }
  }

  private static String get(int port, String path) throws Exception {
    return RawHttp.send(port, Duration.ofSeconds(10), null, "GET " + path + " HTTP/1.1",
        "Host: 127.0.0.1:" + port).body();
  }
}
