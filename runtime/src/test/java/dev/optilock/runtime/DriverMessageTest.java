package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Driver texts as pgJDBC 42.7, MariaDB Connector/J 3.5 and sqlite-jdbc 3.5x print them (captured
 * from the real drivers), reduced to what {@link DataAccessException}'s message may keep.
 */
class DriverMessageTest {

  private static String of(String message, String state, int code) {
    return DriverMessage.of(new SQLException(message, state, code));
  }

  @Test
  void postgresqlKeepsTheFirstLineAndTheConstraintNameButNotTheDetail() {
    assertEquals("ERROR: duplicate key value violates unique constraint \"exp_t_email_key\" (SQLSTATE 23505)",
        of("ERROR: duplicate key value violates unique constraint \"exp_t_email_key\"\n"
            + "  Detail: Key (email)=(bob@example.com) already exists.", "23505", 0));
    assertEquals("ERROR: new row for relation \"exp_t\" violates check constraint \"exp_t_n_check\""
            + " (SQLSTATE 23514)",
        of("ERROR: new row for relation \"exp_t\" violates check constraint \"exp_t_n_check\"\n"
            + "  Detail: Failing row contains (10, dave@example.com, t, -5).", "23514", 0));
    assertEquals("ERROR: invalid input syntax for type bigint: \"...\" (SQLSTATE 22P02)",
        of("ERROR: invalid input syntax for type bigint: \"alice\"", "22P02", 0));
    assertEquals("ERROR: null value in column \"title\" of relation \"article\" violates not-null"
            + " constraint (SQLSTATE 23502)",
        of("ERROR: null value in column \"title\" of relation \"article\" violates not-null constraint\n"
            + "  Detail: Failing row contains (1, null, secret).", "23502", 0));
  }

  @Test
  void aPgjdbcBatchErrorLosesItsStatementAndUsesTheServerError() {
    String batchText = "Batch entry 1 UPDATE \"article\" SET \"title\" = ('alice@example.com'), \"version\""
        + " = ('2'::int8) WHERE \"id\" = ('2'::int8) was aborted: ERROR: duplicate key value violates"
        + " unique constraint \"article_title_unique\"\n  Detail: Key (title)=(alice@example.com) already"
        + " exists.  Call getNextException to see other errors in the batch.";
    BatchUpdateException batch = new BatchUpdateException(batchText, "23505", 0, new int[0]);
    assertEquals("Batch entry 1 was aborted: ERROR: duplicate key value violates unique constraint"
        + " \"article_title_unique\" (SQLSTATE 23505)", DriverMessage.of(batch));
    batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint"
        + " \"article_title_unique\"\n  Detail: Key (title)=(alice@example.com) already exists.", "23505"));
    assertEquals("ERROR: duplicate key value violates unique constraint \"article_title_unique\""
        + " (SQLSTATE 23505)", DriverMessage.of(batch));
    // a bound value with a line break does not cut the statement short
    assertEquals("Batch entry 0 was aborted: ERROR: boom (SQLSTATE XX000)", DriverMessage.of(
        new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES (('a\nb was c')) was aborted: ERROR:"
            + " boom  Call getNextException to see other errors in the batch.", "XX000", 0, new int[0])));
  }

  @Test
  void mariadbMasksTheDuplicateEntryButNamesTheKey() {
    assertEquals("(conn=636) Duplicate entry '...' for key 'email' (SQLSTATE 23000, vendor code 1062)",
        of("(conn=636) Duplicate entry 'bob@example.com' for key 'email'", "23000", 1062));
    assertEquals("(conn=636) Duplicate entry '...' for key 'name' (SQLSTATE 23000, vendor code 1062)",
        of("(conn=636) Duplicate entry 'O'Brien, Pat' for key 'name'", "23000", 1062));
    assertEquals("(conn=9) Data too long for column 'title' at row 1 (SQLSTATE 22001, vendor code 1406)",
        of("(conn=9) Data too long for column 'title' at row 1", "22001", 1406));
    assertEquals("(conn=9) Incorrect integer value: '...' for column `db`.`t`.`n` at row 1"
            + " (SQLSTATE 22007, vendor code 1366)",
        of("(conn=9) Incorrect integer value: 'alice' for column `db`.`t`.`n` at row 1", "22007", 1366));
    assertEquals("(conn=9) Table 'db.missing' doesn't exist (SQLSTATE 42S02, vendor code 1146)",
        of("(conn=9) Table 'db.missing' doesn't exist", "42S02", 1146));
  }

  @Test
  void sqliteMessagesHaveNoValuesAndKeepTheirCode() {
    assertEquals("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed:"
            + " exp_t.email) (vendor code 19)",
        of("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: exp_t.email)",
            null, 19));
  }

  @Test
  void anUnclosedQuoteMasksTheRestAndLongTextIsCut() {
    assertEquals("ERROR: bad value '... (SQLSTATE 22000)", of("ERROR: bad value 'alice", "22000", 0));
    String longText = "x".repeat(10_000);
    String summary = of(longText, null, 0);
    assertEquals(DriverMessage.MAX_CHARS + 3, summary.length());
    assertTrue(summary.endsWith("..."));
    assertEquals("SQLException", DriverMessage.of(new SQLException()));
  }
}
