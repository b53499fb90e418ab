package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.model.Ghost;
import dev.optilock.samples.model.GhostRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.function.Executable;

/**
 * A repository whose table does not exist: every call fails with a {@link DataAccessException} (never
 * a {@link RecordModifiedException}, even for update and delete, where zero rows could be mistaken
 * for a conflict) that says which operation on which row failed, carries the driver's SQL state,
 * and gives the connection back to the pool.
 */
class MissingTableTest {

  private static GhostRepository ghosts(TestDatabase db) {
    // missing.sql only drops the table
    return new GhostRepository(db.fresh("missing"));
  }

  private static DataAccessException assertFails(
      TestDatabase db, String messageStart, Executable call) {
    Throwable thrown = assertThrows(Throwable.class, call);
    DataAccessException e = assertInstanceOf(DataAccessException.class, thrown);
    assertTrue(e.getMessage().startsWith(messageStart + " failed: "), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("missing"),
        "the driver's message names the table: " + e.getMessage());
    assertInstanceOf(SQLException.class, e.getCause());
    if (db != TestDatabase.SQLITE) {
      // on SQLite it is null: see sqlStateIsNonNullOnEveryDatabase below
      assertNotNull(e.sqlState(), "sqlState() of " + e.getCause());
    }
    assertEquals(((SQLException) e.getCause()).getSQLState(), e.sqlState());
    assertEquals(((SQLException) e.getCause()).getErrorCode(), e.vendorCode());
    assertEquals(0, db.activeConnections(), "the connection went back to the pool");
    return e;
  }

  @EveryDatabase
  void findByIdIsADataAccessExceptionNamingTheOperation(TestDatabase db) {
    GhostRepository ghosts = ghosts(db);
    DataAccessException e = assertFails(db, "findById of Ghost[id=1]", () -> ghosts.findById(1));
    switch (db) {
      // the SQL states of "undefined table" / "table doesn't exist"
      case POSTGRESQL -> assertEquals("42P01", e.sqlState());
      case MARIADB -> {
        assertEquals("42S02", e.sqlState());
        assertEquals(1146, e.vendorCode(), "ER_NO_SUCH_TABLE");
      }
      // sqlite-jdbc reports the SQLite result code as the vendor code
      case SQLITE -> assertEquals(1, e.vendorCode(), "SQLITE_ERROR");
    }
  }

  /**
   * The driver's diagnosis travels with the exception. sqlite-jdbc gives no SQLSTATE (its
   * SQLiteException has none); its result code is the vendor code instead.
   */
  @EveryDatabase
  void theDriversErrorCodesAreCarried(TestDatabase db) {
    GhostRepository ghosts = ghosts(db);
    DataAccessException e = assertThrows(DataAccessException.class, () -> ghosts.findById(1));
    switch (db) {
      case SQLITE -> {
        assertEquals(null, e.sqlState());
        assertEquals(1, e.vendorCode(), "SQLITE_ERROR");
      }
      case POSTGRESQL -> assertEquals("42P01", e.sqlState(), "undefined_table");
      case MARIADB -> {
        assertEquals("42S02", e.sqlState());
        assertEquals(1146, e.vendorCode(), "ER_NO_SUCH_TABLE");
      }
    }
  }

  @EveryDatabase
  void everyOtherCallIsADataAccessExceptionToo(TestDatabase db) {
    GhostRepository ghosts = ghosts(db);
    Ghost saved = new Ghost(1, "boo", 1);
    assertFails(db, "findAll of Ghost", ghosts::findAll);
    assertFails(db, "insert of Ghost[id=1]", () -> ghosts.insert(new Ghost(1, "boo", 0)));
    // save of an unsaved entity is an insert, and says so
    assertFails(db, "insert of Ghost[id=1]", () -> ghosts.save(new Ghost(1, "boo", 0)));
    assertFails(db, "update of Ghost[id=1]", () -> ghosts.update(saved));
    assertFails(db, "update of Ghost[id=1]", () -> ghosts.tryUpdate(saved));
    assertFails(db, "update of Ghost[id=1]", () -> ghosts.save(saved));
    assertFails(db, "delete of Ghost[id=1]", () -> ghosts.delete(saved));
    assertFails(db, "isChanged of Ghost[id=1]", () -> ghosts.isChanged(saved));
    assertFails(db, "findByIdAndVersion of Ghost[id=1]", () -> ghosts.findByIdAndVersion(1, 1));
  }

  @EveryDatabase
  void thePoolStillWorksAfterTheFailures(TestDatabase db) {
    GhostRepository ghosts = ghosts(db);
    for (int i = 0; i < 20; i++) {
      // more failures than the pool has connections (8): a leak would block here and time out
      long id = i;
      assertFails(db, "findById of Ghost[id=" + i + "]", () -> ghosts.findById(id));
    }
    ArticleRepository articles = new ArticleRepository(db.fresh("article"));
    articles.insert(new Article(1, "t", "b", 0));
    assertEquals(1, articles.findAll().size());
    assertEquals(0, db.activeConnections());
  }
}
