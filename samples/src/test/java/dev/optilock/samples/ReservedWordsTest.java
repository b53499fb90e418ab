package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.model.Order;
import dev.optilock.samples.model.OrderRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code order}, columns {@code user}, {@code select}, {@code group} and the version column
 * {@code key}: reserved words that only work because every generated identifier is quoted ({@code "}
 * on SQLite and PostgreSQL, a backtick on MariaDB). Each test runs every kind of statement the
 * repository has on every database.
 */
class ReservedWordsTest {

  private static OrderRepository orders(TestDatabase db) {
    return new OrderRepository(db.fresh("order"));
  }

  private static String q(TestDatabase db, String identifier) {
    char quote = db == TestDatabase.MARIADB ? '`' : '"';
    return quote + identifier + quote;
  }

  /** What the row holds, read with hand-written SQL: proves which column each value went to. */
  private static List<String> rawRow(TestDatabase db, long id) throws SQLException {
    String sql = "SELECT " + q(db, "user") + ", " + q(db, "select") + ", " + q(db, "group") + ", "
        + q(db, "key") + " FROM " + q(db, "order") + " WHERE " + q(db, "id") + " = " + id;
    try (Connection connection = db.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      assertTrue(resultSet.next(), "no row " + id);
      return List.of(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3),
          String.valueOf(resultSet.getLong(4)));
    }
  }

  @EveryDatabase
  void insertAndFindWriteAndReadTheQuotedColumns(TestDatabase db) throws SQLException {
    OrderRepository orders = orders(db);
    Order stored = orders.insert(new Order(1, "alice", "express", "admins", 0));
    assertEquals(new Order(1, "alice", "express", "admins", 1), stored);
    assertEquals(List.of("alice", "express", "admins", "1"), rawRow(db, 1));
    assertEquals(Optional.of(stored), orders.findById(1));
    orders.insert(new Order(2, "bob", "standard", "users", 0));
    assertEquals(List.of(1L, 2L), orders.findAll().stream().map(Order::id).toList());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateSetsTheQuotedColumnsAndComparesTheQuotedVersion(TestDatabase db) throws SQLException {
    OrderRepository orders = orders(db);
    Order v1 = orders.insert(new Order(1, "alice", "express", "admins", 0));
    Order v2 = orders.update(new Order(1, "carol", "overnight", "staff", v1.version()));
    assertEquals(new Order(1, "carol", "overnight", "staff", 2), v2);
    assertEquals(List.of("carol", "overnight", "staff", "2"), rawRow(db, 1));
    assertEquals(Optional.of(v2), orders.findById(1));
    assertEquals(Optional.of(v2), orders.findByIdAndVersion(1, 2));
    assertEquals(Optional.empty(), orders.findByIdAndVersion(1, 1));
    assertFalse(orders.isChanged(v2));
    assertTrue(orders.isChanged(v1));
    assertEquals(Optional.of(3L), orders.tryUpdate(v2.withCustomer("dave")).map(Order::version));
  }

  @EveryDatabase
  void aStaleUpdateConflictsAndWritesNothing(TestDatabase db) throws SQLException {
    OrderRepository orders = orders(db);
    Order v1 = orders.insert(new Order(1, "alice", "express", "admins", 0));
    Order v2 = orders.update(v1.withCustomer("winner"));
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> orders.update(v1.withCustomer("loser")));
    assertEquals("Order[id=1] was modified concurrently: expected version 1, found 2", e.getMessage());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(Optional.of(v2), e.current(Order.class));
    assertEquals(List.of("winner", "express", "admins", "2"), rawRow(db, 1));
    assertEquals(Optional.empty(), orders.tryUpdate(v1.withCustomer("loser")));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteComparesTheQuotedVersion(TestDatabase db) throws SQLException {
    OrderRepository orders = orders(db);
    Order v1 = orders.insert(new Order(1, "alice", "express", "admins", 0));
    Order v2 = orders.update(v1.withCustomer("bob"));
    assertThrows(RecordModifiedException.class, () -> orders.delete(v1));
    assertEquals(List.of("bob", "express", "admins", "2"), rawRow(db, 1));
    orders.delete(v2);
    assertEquals(Optional.empty(), orders.findById(1));
    assertTrue(orders.findAll().isEmpty());
    RecordModifiedException gone = assertThrows(RecordModifiedException.class, () -> orders.delete(v2));
    assertEquals("Order[id=1] was deleted: expected version 2, found no row", gone.getMessage());
  }

  @EveryDatabase
  void saveInsertsAndUpdates(TestDatabase db) throws SQLException {
    OrderRepository orders = orders(db);
    Order saved = orders.save(new Order(9, "u", "s", "g", 0));
    assertEquals(1, saved.version());
    Order again = orders.save(saved.withCustomer("u2"));
    assertEquals(2, again.version());
    assertEquals(List.of("u2", "s", "g", "2"), rawRow(db, 9));
  }
}
