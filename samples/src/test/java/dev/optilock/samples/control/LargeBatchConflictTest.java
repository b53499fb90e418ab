package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 9: an all-or-nothing batch over 100,000 stale rows throws a {@link
 * BatchConflictException} whose message stays short (it was 4.7 MB) while {@code conflicts()} lists
 * every row. On SQLite, the fastest of the three for 100,000 rows; the message is built by the
 * runtime the same way on every database.
 */
class LargeBatchConflictTest {
  private static final int ROWS = 100_000;

  @Test
  void aHundredThousandStaleRowsGiveAShortMessageAndEveryConflict() throws SQLException {
    DataSource dataSource = TestDatabase.SQLITE.fresh("article");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO article (id, title, body, version) VALUES (?, 'theirs', '', 2)")) {
      connection.setAutoCommit(false);
      for (int id = 1; id <= ROWS; id++) {
        insert.setLong(1, id);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
      connection.setAutoCommit(true);
    }
    List<Article> stale = new ArrayList<>(ROWS);
    for (int id = 1; id <= ROWS; id++) {
      stale.add(new Article(id, "mine", "", 1));
    }
    ArticleRepository articles = new ArticleRepository(dataSource);

    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> articles.updateAll(stale, ConflictPolicy.ABORT_ALL));
    assertTrue(e.getMessage().length() < 1_000, () -> e.getMessage().length() + " characters");
    assertTrue(e.getMessage().startsWith("100000 of 100000 Article rows changed since they were read;"
        + " nothing was written: Article[id=1] expected version 1, found 2;"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Article[id=10] expected version 1, found 2;"
        + " ... and 99,990 more (conflicts() lists every one)"), e.getMessage());
    assertEquals(ROWS, e.conflicts().size());
    for (int i = 0; i < ROWS; i++) {
      assertEquals((long) i + 1, e.conflicts().get(i).id());
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery(
            "SELECT COUNT(*) FROM article WHERE title = 'theirs' AND version = 2")) {
      count.next();
      assertEquals(ROWS, count.getInt(1), "nothing was written");
    }
  }
}
