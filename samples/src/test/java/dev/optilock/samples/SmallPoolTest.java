package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool of one connection: the failure path's extra SELECT must run after the failed statement gave
 * its connection back (or on the transaction's own connection), never wait for a second one.
 */
class SmallPoolTest {
  @Test
  void conflictsNeverNeedASecondConnection(@TempDir Path dir) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("one.db"));
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(2_000);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT, body TEXT, version INTEGER NOT NULL)");
      }
      ArticleRepository articles = new ArticleRepository(pool);
      Article stale = articles.insert(new Article(1, "a", "b", 0));
      articles.update(stale.withTitle("fresh"));

      RecordModifiedException outside =
          assertThrows(RecordModifiedException.class, () -> articles.update(stale.withTitle("x")));
      assertEquals("fresh", outside.current(Article.class).orElseThrow().title());
      assertThrows(RecordModifiedException.class, () -> articles.delete(stale));

      RecordModifiedException inside =
          assertThrows(
              RecordModifiedException.class,
              () -> Transactions.run(pool, () -> articles.update(stale.withTitle("y"))));
      assertEquals(2L, inside.actualVersion().orElseThrow());
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    }
  }
}
