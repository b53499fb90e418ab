package dev.optilock.samples;

import dev.optilock.runtime.RecordModifiedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/**
 * Two users edit the same article; the second save is refused instead of silently overwriting the
 * first. Runs on an SQLite file, no server needed:
 *
 * <pre>mvn -q -pl samples -am compile exec:java</pre>
 *
 * An argument names the database file (default {@code target/optilock-demo.db}).
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "target/optilock-demo.db").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    createTable(dataSource);

    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(42, "Optimistic locking", "First draft.", 0));
    System.out.println("Stored:          " + articles.findById(42).orElseThrow());

    Article alice = articles.findById(42).orElseThrow();
    Article bob = articles.findById(42).orElseThrow();
    System.out.println("Alice and Bob both open version " + alice.version() + ".");

    Article saved = articles.update(alice.withTitle("Optimistic locking, explained"));
    System.out.println("Alice saves:     " + saved);

    try {
      articles.update(bob.withTitle("Why lost updates happen"));
      System.out.println("Bob saves too: his edit overwrote Alice's. This must not happen.");
    } catch (RecordModifiedException conflict) {
      System.out.println("Bob saves:       refused");
      System.out.println("  message:         " + conflict.getMessage());
      System.out.println("  entityType():    " + conflict.entityType().getSimpleName());
      System.out.println("  id():            " + conflict.id());
      System.out.println("  expectedVersion: " + conflict.expectedVersion());
      System.out.println("  actualVersion(): " + conflict.actualVersion().orElse("(deleted)"));
      System.out.println("  target():        " + conflict.target());
      System.out.println("  current():       " + conflict.current().orElse("(deleted)"));

      Article fresh = conflict.current(Article.class).orElseThrow();
      Article merged = articles.update(fresh.withTitle(fresh.title() + " (and why lost updates happen)"));
      System.out.println("Bob reapplies his edit on the current row: " + merged);
    }
    System.out.println("In the database: " + articles.findById(42).orElseThrow());
  }

  private static void createTable(SQLiteDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, body TEXT,"
              + " version INTEGER NOT NULL)");
    }
  }
}
