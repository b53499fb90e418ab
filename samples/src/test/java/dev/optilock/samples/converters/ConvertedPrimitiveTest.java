package dev.optilock.samples.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A primitive field through a converter of its box ({@code @Convert(YesNoConverter.class) boolean
 * active}) cannot hold the {@code null} that SQL NULL converts to: reading such a row is a {@link
 * DataAccessException} naming the column, like an unreadable char or enum value, never a bare
 * NullPointerException from unboxing.
 */
class ConvertedPrimitiveTest {

  @EveryDatabase
  void sqlNullInAConvertedPrimitiveColumnIsADataAccessException(TestDatabase db)
      throws SQLException {
    AccountRepository accounts = new AccountRepository(db.fresh("account"));
    try (Connection connection = db.pool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO account (id, owner, active, version) VALUES (1, 'legacy', NULL, 1)");
    }
    DataAccessException e = assertThrows(DataAccessException.class, () -> accounts.findById(1));
    assertTrue(e.getMessage().contains("active"), e.getMessage());
    assertEquals(0, db.activeConnections());
  }
}
