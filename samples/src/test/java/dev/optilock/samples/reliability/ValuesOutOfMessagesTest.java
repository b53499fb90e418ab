package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 9: a {@link DataAccessException}'s message carries no bound value. Drivers put
 * values in their own messages (pgJDBC's batch error repeats the statement with every bound value,
 * PostgreSQL's "Detail: Key (title)=(...) already exists", MariaDB's "Duplicate entry '...' for
 * key"); optilock's message keeps the operation, the driver's first line with quoted values masked,
 * and the SQLSTATE, while the driver's exception stays attached as the cause.
 */
class ValuesOutOfMessagesTest {

  private static final String SECRET_TITLE = "alice.private@example.com";
  private static final String SECRET_BODY = "body of a private letter";

  /** Article with a unique title, so that two rows can collide on a value that is not the key. */
  private static ArticleRepository articlesWithUniqueTitles(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(db == TestDatabase.MARIADB
          ? "CREATE UNIQUE INDEX article_title_unique ON article (title(100))"
          : "CREATE UNIQUE INDEX article_title_unique ON article (title)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new ArticleRepository(dataSource);
  }

  private static void assertNoValue(DataAccessException e) {
    String message = e.getMessage();
    assertFalse(message.contains(SECRET_TITLE), message);
    assertFalse(message.contains(SECRET_BODY), message);
    assertFalse(message.contains("alice"), message);
    // the driver's own text is still there, in the cause
    assertInstanceOf(SQLException.class, e.getCause());
  }

  @EveryDatabase
  void aBatchThatFailsOnAUniqueValueNamesNoValue(TestDatabase db) {
    ArticleRepository articles = articlesWithUniqueTitles(db);
    Article one = articles.insert(new Article(1, "one", SECRET_BODY, 0));
    Article two = articles.insert(new Article(2, "two", SECRET_BODY, 0));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      DataAccessException e = assertThrows(DataAccessException.class, () -> articles.updateAll(
          List.of(one.withTitle(SECRET_TITLE), two.withTitle(SECRET_TITLE)), policy));
      assertNoValue(e);
      assertTrue(e.getMessage().startsWith("updateAll of 2 Article failed: "), e.getMessage());
      if (db != TestDatabase.SQLITE) {
        assertTrue(e.getMessage().contains("SQLSTATE " + e.sqlState()), e.getMessage());
      }
    }
    assertEquals(List.of(one, two), articles.findAll());
  }

  @EveryDatabase
  void aSingleInsertThatFailsOnAUniqueValueNamesTheIndexButNoValue(TestDatabase db) {
    ArticleRepository articles = articlesWithUniqueTitles(db);
    articles.insert(new Article(1, SECRET_TITLE, SECRET_BODY, 0));
    DataAccessException e = assertThrows(DataAccessException.class,
        () -> articles.insert(new Article(2, SECRET_TITLE, SECRET_BODY, 0)));
    assertNoValue(e);
    assertTrue(e.getMessage().startsWith("insert of Article[id=2] failed: "), e.getMessage());
    // what the value collided with is still named: the index (SQLite names the column)
    assertTrue(e.getMessage().contains(db == TestDatabase.SQLITE ? "article.title" : "article_title_unique"),
        e.getMessage());
  }

  /**
   * What docs/errors.md says of pgJDBC's {@code logServerErrorDetail=false}: the driver's own batch
   * message then names no statement and its server error has no Detail line, so even a logged stack
   * trace (the cause's text) shows no value.
   */
  @Test
  void pgjdbcWithLogServerErrorDetailOffKeepsValuesOutOfItsOwnMessages() throws SQLException {
    TestDatabase db = TestDatabase.POSTGRESQL;
    articlesWithUniqueTitles(db).insert(new Article(1, SECRET_TITLE, SECRET_BODY, 0));
    HikariDataSource pool = db.pool();
    String url = pool.getJdbcUrl() + "?currentSchema=" + pool.getSchema() + "&logServerErrorDetail=false";
    try (Connection connection = DriverManager.getConnection(url, pool.getUsername(),
            pool.getPassword() == null ? "" : pool.getPassword());
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO article (id, title, body, version) VALUES (?, ?, ?, 1)")) {
      insert.setLong(1, 2);
      insert.setString(2, SECRET_TITLE);
      insert.setString(3, SECRET_BODY);
      insert.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertTrue(e.getMessage().startsWith("Batch entry 0 <unknown> was aborted: "), e.getMessage());
      for (SQLException each = e; each != null; each = each.getNextException()) {
        assertFalse(each.getMessage().contains("alice"), each.getMessage());
        assertFalse(each.getMessage().contains("Detail"), each.getMessage());
      }
      assertEquals("23505", e.getNextException().getSQLState());
    }
  }

  @EveryDatabase
  void aDuplicateKeyNamesTheRowByItsIdInTheOperationOnly(TestDatabase db) {
    ArticleRepository articles = articlesWithUniqueTitles(db);
    articles.insert(new Article(1, "first", SECRET_BODY, 0));
    DataAccessException e = assertThrows(DataAccessException.class,
        () -> articles.insert(new Article(1, SECRET_TITLE, SECRET_BODY, 0)));
    assertNoValue(e);
    assertTrue(e.getMessage().startsWith("insert of Article[id=1] failed: "), e.getMessage());
    assertFalse(e.getMessage().contains("Detail"), e.getMessage());
  }
}
