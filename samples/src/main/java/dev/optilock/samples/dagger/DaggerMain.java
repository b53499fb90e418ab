package dev.optilock.samples.dagger;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The generated {@code ArticleRepository}, injected by Dagger. Runs on an SQLite file:
 *
 * <pre>mvn -q -pl samples -am compile exec:java -Dexec.mainClass=dev.optilock.samples.dagger.DaggerMain</pre>
 *
 * An argument names the database file (default {@code target/optilock-dagger.db}).
 */
public final class DaggerMain {
  private DaggerMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "target/optilock-dagger.db").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);

    BlogComponent blog = DaggerBlogComponent.factory().create("jdbc:sqlite:" + file);
    try {
      createTable(blog.pool());
      ArticleService service = blog.articleService();

      Article stored = service.publish(1, "Injected", "by Dagger");
      System.out.println("Stored:     " + stored);
      Article saved = service.retitle(stored, "Injected, compile-time");
      System.out.println("Retitled:   " + saved);
      try {
        service.retitle(stored, "Stale");
        System.out.println("The stale edit was saved. This must not happen.");
      } catch (RecordModifiedException conflict) {
        System.out.println("Stale edit: refused (" + conflict.getMessage() + ")");
      }
      System.out.println("Stored now: " + service.find(1).orElseThrow());
    } finally {
      blog.pool().close();
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
