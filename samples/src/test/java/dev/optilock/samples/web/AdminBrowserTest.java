package dev.optilock.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.optilock.runtime.VersionTokens;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin app in a real headless Chromium: two people editing one article, the list-editable
 * page and "delete selected" with rows changed behind the user's back, and another site trying to
 * read (DNS rebinding) or write (a cross-site form post). Each page is saved as a screenshot in
 * {@code samples/target/screenshots/}.
 */
class AdminBrowserTest {
  private static Chromium alice;
  private static Chromium bob;

  private AdminApp app;
  private ArticleRepository articles;
  private byte[] key;

  @AfterAll
  static void quit() {
    for (Chromium browser : new Chromium[] {alice, bob}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    Chromium.assumeInstalled();
    if (alice == null) {
      alice = Chromium.start();
    }
    key = new byte[32];
    new SecureRandom().nextBytes(key);
    app = AdminApp.start("127.0.0.1", 0, dir.resolve("admin.db"), key);
    articles = new ArticleRepository(app.dataSource());
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theSecondEditorSeesTheConflictPageAndReappliesOnTheCurrentVersion() throws IOException {
    if (bob == null) {
      bob = Chromium.start();
    }
    WebDriver a = alice.driver();
    WebDriver b = bob.driver();
    Article original = articles.findById(1).orElseThrow();
    open(a, "articles/1");
    open(b, "articles/1");
    alice.screenshot("01-edit-form");

    type(a, By.id("title"), "Alice's title");
    submit(a, By.id("save"), "Articles");
    assertTrue(notice(a).contains("it is now version 2"), notice(a));
    alice.screenshot("02-list-after-save");

    type(b, By.id("body"), "Bob's body");
    submit(b, By.id("save"), "Conflict");
    assertEquals("Someone else saved article 1 while you were editing it", b.findElement(By.tagName("h1")).getText());
    WebElement title = b.findElement(By.cssSelector("#compare tr[data-field='title']"));
    WebElement body = b.findElement(By.cssSelector("#compare tr[data-field='body']"));
    WebElement version = b.findElement(By.cssSelector("#compare tr[data-field='version']"));
    for (WebElement row : List.of(title, body, version)) {
      assertEquals("differs", row.getAttribute("class"), row.getText());
    }
    assertEquals(original.title(), cell(title, "mine"));
    assertEquals("Alice's title", cell(title, "theirs"));
    assertEquals("Bob's body", cell(body, "mine"));
    assertEquals(original.body(), cell(body, "theirs"));
    assertTrue(title.getText().contains("theirs you did not change it"), title.getText());
    assertTrue(body.getText().endsWith("yours"), body.getText());
    assertTrue(notice(b).contains("Your changes were not saved"), notice(b));
    bob.screenshot("03-conflict");

    submit(b, By.id("reapply-button"), "Articles");
    assertTrue(notice(b).contains("it is now version 3"), notice(b));
    bob.screenshot("04-list-after-reapply");
    assertEquals(new Article(1, "Alice's title", "Bob's body", 3), articles.findById(1).orElseThrow());
  }

  @Test
  void theTitlesPageSavesTheOtherRowsAndReportsTheOneChangedMeanwhile() {
    WebDriver a = alice.driver();
    open(a, "articles/titles");
    type(a, By.name("title.1"), "One, renamed");
    type(a, By.name("title.2"), "Two, renamed");
    type(a, By.name("title.3"), "Three, renamed");
    alice.screenshot("05-titles");

    articles.update(articles.findById(2).orElseThrow().withTitle("Two, changed by Bob"));
    clickAndWaitFor(a, By.id("save-titles"), ExpectedConditions.presenceOfElementLocated(By.id("report")));

    assertTrue(notice(a).startsWith("Saved 2 rows; 1 row was changed by someone else meanwhile and not saved."),
        notice(a));
    assertEquals("saved", reportRow(a, 1).getAttribute("class"));
    assertEquals("conflict", reportRow(a, 2).getAttribute("class"));
    assertEquals("saved", reportRow(a, 3).getAttribute("class"));
    assertEquals(3, a.findElements(By.cssSelector("#report tbody tr")).size());
    String conflict = reportRow(a, 2).getText();
    assertTrue(conflict.contains("not saved") && conflict.contains("Two, changed by Bob"), conflict);
    assertEquals("Two, changed by Bob", a.findElement(By.name("title.2")).getAttribute("value"));
    alice.screenshot("06-titles-report");

    assertEquals(new Article(1, "One, renamed", articles.findById(1).orElseThrow().body(), 2),
        articles.findById(1).orElseThrow());
    assertEquals("Two, changed by Bob", articles.findById(2).orElseThrow().title());
    assertEquals(2, articles.findById(2).orElseThrow().version());
    assertEquals("Three, renamed", articles.findById(3).orElseThrow().title());
    assertEquals(1, articles.findById(4).orElseThrow().version());
  }

  @Test
  void deleteSelectedWithOneRowChangedMeanwhileDeletesNothingAndSaysWhich() {
    WebDriver a = alice.driver();
    open(a, "articles");
    for (int id : new int[] {1, 3, 4}) {
      a.findElement(By.cssSelector("tr[data-id='" + id + "'] input[type=checkbox]")).click();
    }
    alice.screenshot("07-list-selected");

    articles.update(articles.findById(3).orElseThrow().withTitle("Three, changed meanwhile"));
    clickAndWaitFor(a, By.id("delete-selected"),
        ExpectedConditions.presenceOfElementLocated(By.id("delete-conflicts")));

    assertTrue(notice(a).startsWith("Nothing was deleted. 1 of the 3 selected articles was changed"), notice(a));
    List<WebElement> conflicts = a.findElements(By.cssSelector("#delete-conflicts tbody tr"));
    assertEquals(1, conflicts.size());
    assertEquals("3", conflicts.get(0).getAttribute("data-id"));
    assertTrue(conflicts.get(0).getText().contains("Three, changed meanwhile"), conflicts.get(0).getText());
    assertTrue(conflicts.get(0).getText().contains("changed now version 2"), conflicts.get(0).getText());
    assertEquals("differs", a.findElement(By.cssSelector("#articles tr[data-id='3']")).getAttribute("class"));
    assertEquals(5, articles.findAll().size());
    alice.screenshot("08-delete-conflict");

    // the page shows the rows as they are now, with fresh tokens: selecting again works
    for (int id : new int[] {1, 3}) {
      a.findElement(By.cssSelector("#articles tr[data-id='" + id + "'] input[type=checkbox]")).click();
    }
    submit(a, By.id("delete-selected"), "Articles");
    assertEquals("Deleted 2 articles.", notice(a));
    assertEquals(List.of(2L, 4L, 5L), articles.findAll().stream().map(Article::id).toList());
    alice.screenshot("09-list-after-delete");
  }

  @Test
  void aTamperedTokenIsRefusedWithoutEchoingIt() {
    WebDriver a = alice.driver();
    open(a, "articles/1");
    String attack = "<img src=x onerror=alert(1)>";
    ((JavascriptExecutor) a).executeScript(
        "document.querySelector('input[name=token]').value = arguments[0]", attack);
    type(a, By.id("title"), "Forged");
    submit(a, By.id("save"), "Bad Request");
    assertFalse(a.getPageSource().contains("onerror"), a.getPageSource());
    assertTrue(notice(a).contains("The version token for Article is malformed"), notice(a));
    alice.screenshot("10-tampered-token");
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @Test
  void aPageOnARenamedHostGetsNothing() {
    // evil.example resolves to 127.0.0.1 here, as it would after DNS rebinding: the browser treats
    // the app as part of evil.example's site, so only the Host check keeps its scripts out
    WebDriver a = alice.driver();
    for (String path : new String[] {"api/articles", "articles/1"}) {
      a.get("http://" + Chromium.OTHER_SITE + ":" + app.uri().getPort() + "/" + path);
      assertTrue(a.getPageSource().contains("Misdirected Request"), a.getPageSource());
      assertFalse(a.getPageSource().contains("Optimistic locking"), a.getPageSource());
      assertFalse(a.getPageSource().contains("token"), a.getPageSource());
    }
    alice.screenshot("11-rebinding-refused");
  }

  @Test
  void aFormThatAnotherSitePostsIsRefusedAndWritesNothing() throws Exception {
    // even with a valid token, which no other site can read, the app's own pages are the only source
    String token = new VersionTokens(key).issue(Article.class, 1L, 1L);
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", exchange -> {
      byte[] page = ("<!doctype html><title>Cat pictures</title>"
          + "<form method=\"post\" action=\"" + app.uri() + "articles/1\">"
          + "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"
          + "<input name=\"title\" value=\"Posted by another site\"><input name=\"body\" value=\"x\">"
          + "</form><script>document.forms[0].submit()</script>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    other.start();
    try {
      WebDriver a = alice.driver();
      a.get("http://" + Chromium.OTHER_SITE + ":" + other.getAddress().getPort() + "/");
      wait(a).until(ExpectedConditions.titleContains("Forbidden"));
      assertTrue(notice(a).contains("only from this app's own pages"), notice(a));
      alice.screenshot("12-cross-site-post-refused");
    } finally {
      other.stop(0);
    }
    try (Connection db = app.dataSource().getConnection();
        Statement statement = db.createStatement();
        ResultSet row = statement.executeQuery("SELECT title, version FROM article WHERE id = 1")) {
      assertTrue(row.next());
      assertEquals("Optimistic locking in five minutes", row.getString(1));
      assertEquals(1, row.getLong(2));
    }
  }

  // ---------------------------------------------------------------- helpers

  private void open(WebDriver driver, String path) {
    driver.get(app.uri() + path);
  }

  private static void type(WebDriver driver, By field, String text) {
    WebElement element = driver.findElement(field);
    element.clear();
    element.sendKeys(text);
  }

  /**
   * Clicks and waits for the next page: the page the click was made on must be gone (its elements
   * stale), and the new one must have {@code nextTitle}. The title alone could already be the old
   * page's (the 409 page after "delete selected" is titled "Articles" too), and the test would go on
   * reading the old page.
   */
  private static void submit(WebDriver driver, By button, String nextTitle) {
    clickAndWaitFor(driver, button, ExpectedConditions.titleContains(nextTitle));
  }

  /** Clicks, waits until the page the click was made on is gone, then until {@code next} holds. */
  private static void clickAndWaitFor(WebDriver driver, By button, ExpectedCondition<?> next) {
    WebElement oldPage = driver.findElement(By.tagName("html"));
    driver.findElement(button).click();
    wait(driver).until(d -> {
      try {
        oldPage.isEnabled();
        return false; // still the old page
      } catch (StaleElementReferenceException gone) {
        return true;
      } catch (WebDriverException navigating) {
        // while the new page loads, Chromium may answer "Node with given id does not belong to
        // the document" instead: not decided yet, ask again
        return false;
      }
    });
    wait(driver).until(next);
  }

  private static WebDriverWait wait(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  private static String notice(WebDriver driver) {
    return driver.findElement(By.cssSelector(".notice")).getText();
  }

  private static String cell(WebElement row, String css) {
    return row.findElement(By.cssSelector("td." + css)).getText();
  }

  private static WebElement reportRow(WebDriver driver, int id) {
    return driver.findElement(By.cssSelector("#report tr[data-id='" + id + "']"));
  }
}
