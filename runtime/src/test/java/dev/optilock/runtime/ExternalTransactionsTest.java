package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The declaration itself; what repositories do with it is tested end to end in the samples. */
class ExternalTransactionsTest {
  @TempDir Path dir;

  private SQLiteDataSource sqlite() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("declared.db"));
    return dataSource;
  }

  @Test
  void aDeclaredDataSourceHandsOutItsTargetsConnections() throws Exception {
    SQLiteDataSource target = sqlite();
    DataSource declared = ExternalTransactions.of(target);
    assertNotSame(target, declared);
    try (Connection connection = declared.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT sqlite_version()")) {
      assertTrue(result.next());
      assertTrue(connection.getMetaData().getURL().endsWith("declared.db"));
    }
    assertSame(target, declared.unwrap(SQLiteDataSource.class));
    assertTrue(declared.isWrapperFor(SQLiteDataSource.class));
    assertFalse(declared.isWrapperFor(String.class));
  }

  @Test
  void onlyDeclaredDataSourcesAreDeclared() {
    SQLiteDataSource target = sqlite();
    DataSource declared = ExternalTransactions.of(target);
    assertTrue(ExternalTransactions.isDeclared(declared));
    assertFalse(ExternalTransactions.isDeclared(target));
    assertSame(declared, ExternalTransactions.of(declared), "declaring twice changes nothing");
  }

  @Test
  void aRepositoryOnTheDeclarationIsNotInATransactionWhileConnectionsAutoCommit() {
    DataSource declared = ExternalTransactions.of(sqlite());
    assertFalse(Database.of(declared).inTransaction());
    assertTrue(Transactions.call(declared, () -> Database.of(declared).inTransaction()));
    assertEquals(Dialect.SQLITE, Database.of(declared).dialect());
  }

  @Test
  void nullIsRefused() {
    assertEquals("dataSource",
        assertThrows(NullPointerException.class, () -> ExternalTransactions.of(null)).getMessage());
    assertEquals("dataSource",
        assertThrows(NullPointerException.class, () -> ExternalTransactions.isDeclared(null)).getMessage());
  }

  @Test
  void theDeclarationPassesEverythingElseToItsTarget() throws Exception {
    SQLiteDataSource target = sqlite();
    DataSource declared = ExternalTransactions.of(target);
    declared.setLoginTimeout(7);
    assertEquals(7, target.getLoginTimeout());
    assertEquals(7, declared.getLoginTimeout());
    java.io.PrintWriter log = new java.io.PrintWriter(new java.io.StringWriter());
    declared.setLogWriter(log);
    assertSame(log, target.getLogWriter());
    assertSame(log, declared.getLogWriter());
    // SQLite has no parent logger: the declaration says so as its target does
    assertThrows(java.sql.SQLFeatureNotSupportedException.class, declared::getParentLogger);
    try (Connection connection = declared.getConnection("someone", "secret")) {
      assertTrue(connection.getMetaData().getURL().endsWith("declared.db"));
    }
    assertEquals("ExternalTransactions.of(" + target + ")", declared.toString());
  }
}
