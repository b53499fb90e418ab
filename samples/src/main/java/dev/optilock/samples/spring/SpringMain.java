package dev.optilock.samples.spring;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The generated {@code ArticleRepository} as a Spring bean, its calls inside {@code @Transactional}
 * methods. Runs on an SQLite file:
 *
 * <pre>mvn -q -pl samples -am compile exec:java -Dexec.mainClass=dev.optilock.samples.spring.SpringMain</pre>
 *
 * An argument names the database file (default {@code target/optilock-spring.db}).
 */
public final class SpringMain {
  private SpringMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "target/optilock-spring.db").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);

    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.getEnvironment().getPropertySources().addFirst(
          new MapPropertySource("main", Map.of("optilock.jdbc.url", "jdbc:sqlite:" + file)));
      context.register(BlogConfig.class);
      context.refresh();
      createTable(context.getBean(DataSource.class));

      ArticleRepository articles = context.getBean(ArticleRepository.class);
      ArticleService service = context.getBean(ArticleService.class);
      articles.insert(new Article(1, "First", "", 0));
      Article second = articles.insert(new Article(2, "Second", "", 0));
      System.out.println("Stored:      " + articles.findAll());

      System.out.println("Retitled:    " + service.retitleAll(List.of(1L, 2L), "Spring"));
      try {
        // the first edit is on the current version, the second on a stale copy (version 1):
        // the second update fails, and the transaction rolls back the first one too
        Article current = articles.findById(1).orElseThrow();
        service.saveAll(List.of(current.withTitle("Edited"), second.withTitle("Stale")));
        System.out.println("The stale edit was saved. This must not happen.");
      } catch (RecordModifiedException conflict) {
        System.out.println("Stale edit:  refused (" + conflict.getMessage() + "), both rolled back");
      }
      System.out.println("Stored now:  " + articles.findAll());
    }
  }

  private static void createTable(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, body TEXT,"
              + " version INTEGER NOT NULL)");
    }
  }
}
