package dev.optilock.samples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Plain JDBC on the {@code article} table, behind the repository's back: another client. */
public final class ArticleRows {
  private ArticleRows() {}

  /** Another client retitles the row and moves its version on by one, and commits (auto-commit). */
  public static void otherClientRetitles(Connection connection, long id, String title) {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE article SET title = ?, version = version + 1 WHERE id = ?")) {
      update.setString(1, title);
      update.setLong(2, id);
      assertEquals(1, update.executeUpdate());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
