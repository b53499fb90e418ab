package dev.optilock.samples.dagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated repository, built and injected by Dagger's generated component, on SQLite. */
class DaggerInjectionTest {
  private Path file;
  private BlogComponent blog;

  @BeforeEach
  void createComponent() throws Exception {
    file = Files.createTempFile(Path.of("target").toAbsolutePath(), "dagger-", ".db");
    blog = DaggerBlogComponent.factory().create("jdbc:sqlite:" + file);
    try (Connection connection = blog.pool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, body TEXT,"
              + " version INTEGER NOT NULL)");
    }
  }

  @AfterEach
  void closePool() throws Exception {
    blog.pool().close();
    Files.deleteIfExists(file);
  }

  @Test
  void theGeneratedConstructorCarriesJakartaInject() throws Exception {
    // jakarta.inject-api is on the samples' compile class path, so the processor chose jakarta;
    // @jakarta.inject.Inject has RUNTIME retention, so reflection (here, in a test only) sees it.
    Constructor<ArticleRepository> constructor = ArticleRepository.class.getConstructor(DataSource.class);
    assertTrue(constructor.isAnnotationPresent(jakarta.inject.Inject.class));
    assertFalse(constructor.isAnnotationPresent(javax.inject.Inject.class));
    assertEquals(1, ArticleRepository.class.getConstructors().length);
  }

  @Test
  void theComponentInjectsTheRepositoryIntoTheService() {
    ArticleService service = blog.articleService();

    Article stored = service.publish(1, "Injected", "by Dagger");
    assertEquals(new Article(1, "Injected", "by Dagger", 1), stored);
    Article saved = service.retitle(stored, "Retitled");
    assertEquals(2, saved.version());
    assertEquals(Optional.of(saved), service.find(1));

    // `stored` still carries version 1
    RecordModifiedException conflict =
        assertThrows(RecordModifiedException.class, () -> service.retitle(stored, "Stale"));
    assertEquals(Article.class, conflict.entityType());
    assertEquals(1L, conflict.expectedVersion());
    assertEquals(Optional.of(2L), conflict.actualVersion());
    assertEquals(Optional.of(saved), conflict.current(Article.class));
    assertEquals(Optional.of(saved), service.find(1), "the stale edit wrote nothing");
    assertEquals(0, blog.pool().getHikariPoolMXBean().getActiveConnections());
  }

  /** {@code Transactions.call} on the injected data source: the service's updates commit together. */
  @Test
  void aServiceTransactionSavesAllOrNone() throws Exception {
    ArticleService service = blog.articleService();
    Article one = service.publish(1, "one", "");
    Article two = service.publish(2, "two", "");
    service.retitle(two, "two, edited elsewhere");

    // `two` is stale: the update of `one` before it is rolled back with the transaction
    assertThrows(RecordModifiedException.class, () -> service.retitleAll(List.of(one, two), "both"));
    assertEquals(List.of("one@1", "two, edited elsewhere@2"), committed());

    Article freshTwo = service.find(2).orElseThrow();
    assertEquals(List.of(new Article(1, "both", "", 2), new Article(2, "both", "", 3)),
        service.retitleAll(List.of(one, freshTwo), "both"));
    assertEquals(List.of("both@2", "both@3"), committed());
    assertEquals(0, blog.pool().getHikariPoolMXBean().getActiveConnections());
  }

  /** Every row as {@code title@version}, read with plain JDBC. */
  private List<String> committed() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = blog.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT title, version FROM article ORDER BY id")) {
      while (result.next()) {
        rows.add(result.getString(1) + "@" + result.getLong(2));
      }
    }
    return rows;
  }

  @Test
  void singletonPoolUnscopedServices() {
    // the pool is @Singleton in the component; services (and their repositories) are built per request
    HikariDataSource pool = blog.pool();
    assertSame(pool, blog.pool());
    assertNotSame(blog.articleService(), blog.articleService());
  }

  @Test
  void theMainRuns() throws Exception {
    Path demoFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "dagger-main-", ".db");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      DaggerMain.main(new String[] {demoFile.toString()});
    } finally {
      System.setOut(original);
      Files.deleteIfExists(demoFile);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Stale edit: refused (Article[id=1] was modified concurrently:"
        + " expected version 1, found 2)"), printed);
    assertTrue(printed.contains(
        "Stored now: Article[id=1, title=Injected, compile-time, body=by Dagger, version=2]"), printed);
  }
}
