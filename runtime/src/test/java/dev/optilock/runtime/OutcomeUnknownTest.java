package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import org.junit.jupiter.api.Test;

/**
 * Which failures say that the outcome of a write is unknown: a lost connection, on a write, outside
 * a transaction. The SQLExceptions are values built as the drivers build them (MariaDB Connector/J:
 * {@code SQLNonTransientConnectionException} "Socket error" with SQLSTATE 08000; pgJDBC: 57P01 after
 * {@code pg_terminate_backend}, 08006 on an I/O error).
 */
class OutcomeUnknownTest {
  @Test
  void connectionLossesAreRecognised() {
    assertTrue(DataAccessException.connectionLost(
        new SQLNonTransientConnectionException("(conn=5698) Socket error", "08000", -1)));
    assertTrue(DataAccessException.connectionLost(new SQLException(
        "FATAL: terminating connection due to administrator command", "57P01")));
    assertTrue(DataAccessException.connectionLost(
        new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    assertTrue(DataAccessException.connectionLost(new SQLRecoverableException("gone")));
    assertTrue(DataAccessException.connectionLost(
        new SQLException("wrapped", null, new SQLException("inner", "08003"))));
    BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
    batch.setNextException(new SQLException("Socket error", "08000"));
    assertTrue(DataAccessException.connectionLost(batch));
  }

  @Test
  void answeredErrorsAreNoConnectionLoss() {
    assertFalse(DataAccessException.connectionLost(
        new SQLException("duplicate key value violates unique constraint", "23505")));
    assertFalse(DataAccessException.connectionLost(new SQLException("deadlock detected", "40P01")));
    assertFalse(DataAccessException.connectionLost(
        new SQLException("canceling statement due to user request", "57014")));
    assertFalse(DataAccessException.connectionLost(new SQLException("no state")));
  }

  @Test
  void onlyALostWriteHasAnUnknownOutcome() {
    SQLException lost = new SQLNonTransientConnectionException("Socket error", "08000");
    for (String write : new String[] {"update of Article[id=1]", "insert of Article[id=1]",
        "delete of Article[id=1]", "updateUnchecked of Article[id=1]",
        "updateWithoutIncrement of Article[id=1]", "updateAll of 3 Article", "deleteAll of 3 Article",
        "ifUnchanged of 2 Article"}) {
      assertTrue(DataAccessException.lostWrite(write, lost), write);
    }
    for (String read : new String[] {"findById of Article[id=1]", "findAll of Article",
        "isChanged of Article[id=1]", "findByIdAndVersion of Article[id=1]",
        "checking for a transaction"}) {
      assertFalse(DataAccessException.lostWrite(read, lost), read);
    }
    assertFalse(DataAccessException.lostWrite("update of Article[id=1]",
        new SQLException("duplicate key", "23505")));
  }

  @Test
  void theMessageSaysTheOutcomeIsUnknown() {
    SQLException lost = new SQLNonTransientConnectionException("(conn=5) Socket error", "08000", -1);
    DataAccessException unknown = new DataAccessException("update of Article[id=1]", lost, true);
    assertTrue(unknown.outcomeUnknown());
    assertTrue(unknown.getMessage().startsWith("update of Article[id=1]: outcome unknown: the"
        + " connection was lost while the write was in flight: it may or may not have been"
        + " committed; re-read the row"), unknown.getMessage());
    assertFalse(unknown.getMessage().contains("failed"), unknown.getMessage());
    assertTrue(unknown.getMessage().endsWith("Socket error (SQLSTATE 08000, vendor code -1)"),
        unknown.getMessage());

    DataAccessException known = new DataAccessException("update of Article[id=1]", lost);
    assertFalse(known.outcomeUnknown());
    assertTrue(known.getMessage().contains(" failed: "), known.getMessage());
    assertFalse(new DataAccessException("x").outcomeUnknown());
    assertFalse(new DataAccessException("x", new RuntimeException()).outcomeUnknown());
  }

  @Test
  void insideATransactionALostStatementIsKnownNotCommitted() {
    org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite::memory:");
    Database database = Database.of(dataSource);
    SQLException lost = new SQLNonTransientConnectionException("Socket error", "08000");
    assertTrue(database.failure("update of Article[id=1]", lost).outcomeUnknown());
    DataAccessException[] inside = new DataAccessException[1];
    DataAccessException rolledBack = org.junit.jupiter.api.Assertions.assertThrows(
        DataAccessException.class, () -> Transactions.run(dataSource,
            () -> inside[0] = database.failure("update of Article[id=1]", lost)));
    assertFalse(inside[0].outcomeUnknown(), inside[0].getMessage());
    assertFalse(rolledBack.outcomeUnknown(), rolledBack.getMessage());
  }
}
