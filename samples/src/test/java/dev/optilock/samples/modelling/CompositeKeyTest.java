package dev.optilock.samples.modelling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.runtime.Triggers;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Composite keys, end to end on every database: {@link OrderLine} (a record keyed by {@code
 * (orderId, lineNo)}), {@link Parcel} (a TRIGGER version on a {@code (carrier, trackingNo)} key)
 * and {@link Booking} (a JavaBean keyed by {@code (room, day, slot)}).
 *
 * <p>The rows are chosen so that a key matched on one part only would hit a neighbour: the same
 * order with another line, and the same line number in another order.
 */
class CompositeKeyTest {

  private static final List<String> ORDER_LINE_KEY = List.of("orderId", "lineNo");
  private static final LocalDate DAY = LocalDate.of(2024, 5, 6);

  private static CompositeKey line(long orderId, int lineNo) {
    return CompositeKey.of(ORDER_LINE_KEY, orderId, lineNo);
  }

  /** "orderId/lineNo" → version of every order_line row, read with plain JDBC. */
  private static Map<String, Long> versions(DataSource dataSource) {
    return versions(dataSource,
        "SELECT order_id, line_no, version FROM order_line ORDER BY order_id, line_no");
  }

  private static Map<String, Long> versions(DataSource dataSource, String sql) {
    Map<String, Long> versions = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        versions.put(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  /** Another client: plain JDBC, as psql or a database browser would do it. */
  private static int externally(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  private static void assertKey(CompositeKey expected, Object actual) {
    CompositeKey key = assertInstanceOf(CompositeKey.class, actual);
    assertEquals(expected, key);
    assertEquals(expected.names(), key.names());
    assertEquals(expected.values(), key.values(), "the parts, with their types");
  }

  // ------------------------------------------------------------------------ insert and find

  @EveryDatabase
  void everyPartOfTheKeyIdentifiesTheRow(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    OrderLine pear = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine apple = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    OrderLine plum = lines.insert(new OrderLine(8, 2, "plum", 5, 0));
    assertEquals(new OrderLine(7, 2, "pear", 1, 1), pear);

    assertEquals(Optional.of(pear), lines.findById(7, 2));
    assertEquals(Optional.of(apple), lines.findById(7, 1), "same order, other line");
    assertEquals(Optional.of(plum), lines.findById(8, 2), "same line number, other order");
    assertEquals(Optional.empty(), lines.findById(8, 1));
    assertEquals(Optional.empty(), lines.findById(2, 7), "the parts are not interchangeable");
    assertEquals(Map.of("7/1", 1L, "7/2", 1L, "8/2", 1L), versions(dataSource));

    // the primary key is the pair: the same pair again is refused, and nothing else changes
    DataAccessException duplicate =
        assertThrows(DataAccessException.class, () -> lines.insert(new OrderLine(7, 2, "x", 9, 0)));
    assertTrue(duplicate.getMessage().contains("OrderLine[orderId=7, lineNo=2]"),
        duplicate.getMessage());
    assertEquals(Optional.of(pear), lines.findById(7, 2));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void findAllIsOrderedByTheKeyColumnsInDeclarationOrder(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    // inserted out of order; line 10 must sort after line 2 (numbers, not text)
    int[][] keys = {{8, 2}, {7, 10}, {10, 1}, {7, 2}, {8, 1}, {7, 1}};
    for (int[] key : keys) {
      lines.insert(new OrderLine(key[0], key[1], "p" + key[0] + "." + key[1], 1, 0));
    }
    assertEquals(
        List.of(line(7, 1), line(7, 2), line(7, 10), line(8, 1), line(8, 2), line(10, 1)),
        lines.findAll().stream().map(l -> line(l.orderId(), l.lineNo())).toList());
    assertEquals(new OrderLine(7, 10, "p7.10", 1, 1), lines.findAll().get(2));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void findByIdAndVersionAndIsChangedLookAtTheWholeKey(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    OrderLine second = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine other = lines.insert(new OrderLine(8, 1, "plum", 5, 0));

    assertEquals(Optional.of(second), lines.findByIdAndVersion(7, 2, 1));
    assertEquals(Optional.empty(), lines.findByIdAndVersion(7, 2, 2));
    assertEquals(Optional.empty(), lines.findByIdAndVersion(9, 2, 1));

    OrderLine secondV2 = lines.update(second.withQuantity(4));
    assertEquals(Optional.empty(), lines.findByIdAndVersion(7, 2, 1));
    assertEquals(Optional.of(secondV2), lines.findByIdAndVersion(7, 2, 2));
    assertEquals(Optional.of(first), lines.findByIdAndVersion(7, 1, 1), "the neighbour kept v1");
    assertEquals(Optional.empty(), lines.findByIdAndVersion(7, 1, 2));

    assertTrue(lines.isChanged(second));
    assertFalse(lines.isChanged(secondV2));
    assertFalse(lines.isChanged(first), "same order, other line: unchanged");
    assertFalse(lines.isChanged(other), "same line number, other order: unchanged");
    lines.delete(secondV2);
    assertTrue(lines.isChanged(secondV2), "a deleted row counts as changed");
    assertFalse(lines.isChanged(first));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------ update and delete

  @EveryDatabase
  void aStaleUpdateFailsWithTheCompositeKeyAndLeavesTheOtherLinesAlone(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine other = lines.insert(new OrderLine(8, 2, "plum", 5, 0));

    OrderLine alices = lines.findById(7, 2).orElseThrow();
    OrderLine bobs = lines.findById(7, 2).orElseThrow();
    OrderLine saved = lines.update(alices.withQuantity(6));
    assertEquals(new OrderLine(7, 2, "pear", 6, 2), saved);
    assertEquals(Map.of("7/1", 1L, "7/2", 2L, "8/2", 1L), versions(dataSource));

    OrderLine stale = bobs.withQuantity(9);
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> lines.update(stale));
    assertKey(CompositeKey.of(List.of("orderId", "lineNo"), 7L, 2), e.id());
    CompositeKey key = (CompositeKey) e.id();
    assertEquals(2, key.get("lineNo"));
    assertEquals(7L, key.get("orderId"));
    assertEquals(7L, key.get(0));
    assertEquals(2, key.size());
    assertThrows(IllegalArgumentException.class, () -> key.get("id"));
    assertEquals(
        "OrderLine[orderId=7, lineNo=2] was modified concurrently: expected version 1, found 2",
        e.getMessage());
    assertEquals(OrderLine.class, e.entityType());
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertSame(stale, e.target());
    assertEquals(Optional.of(saved), e.current(OrderLine.class));
    assertEquals(Optional.empty(), lines.tryUpdate(stale));

    // nothing written: neither the row nor its neighbours
    assertEquals(List.of(first, saved, other), lines.findAll());
    assertEquals(Map.of("7/1", 1L, "7/2", 2L, "8/2", 1L), versions(dataSource));

    // updating a neighbour leaves (7, 2) alone too
    OrderLine otherV2 = lines.update(other.withQuantity(50));
    assertEquals(List.of(first, saved, otherV2), lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteRemovesOnlyItsRowAndAStaleDeleteFails(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    OrderLine second = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine other = lines.insert(new OrderLine(8, 2, "plum", 5, 0));

    lines.delete(second);
    assertEquals(List.of(first, other), lines.findAll());
    assertEquals(Map.of("7/1", 1L, "8/2", 1L), versions(dataSource));

    // deleting it again: the row is gone
    RecordModifiedException gone =
        assertThrows(RecordModifiedException.class, () -> lines.delete(second));
    assertKey(line(7, 2), gone.id());
    assertEquals(Optional.empty(), gone.actualVersion());
    assertEquals(Optional.empty(), gone.current());
    assertEquals(
        "OrderLine[orderId=7, lineNo=2] was deleted: expected version 1, found no row",
        gone.getMessage());

    // a stale delete of (8, 2) deletes nothing
    OrderLine otherV2 = lines.update(other.withQuantity(6));
    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> lines.delete(other));
    assertKey(line(8, 2), stale.id());
    assertEquals(Optional.of(2L), stale.actualVersion());
    assertTrue(stale.getMessage().startsWith("OrderLine[orderId=8, lineNo=2] was modified"),
        stale.getMessage());
    assertEquals(List.of(first, otherV2), lines.findAll());

    // and an update of a deleted line does not bring it back
    RecordModifiedException updateGone =
        assertThrows(RecordModifiedException.class, () -> lines.update(second.withQuantity(2)));
    assertTrue(updateGone.getMessage().startsWith("OrderLine[orderId=7, lineNo=2] was deleted"),
        updateGone.getMessage());
    assertEquals(Map.of("7/1", 1L, "8/2", 2L), versions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void saveInsertsThenUpdatesByTheWholeKey(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    OrderLine a = lines.save(new OrderLine(7, 1, "apple", 1, 0));
    OrderLine b = lines.save(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine a2 = lines.save(a.withQuantity(2));
    assertEquals(new OrderLine(7, 1, "apple", 2, 2), a2);
    assertEquals(List.of(a2, b), lines.findAll());
    IllegalArgumentException unsaved =
        assertThrows(IllegalArgumentException.class,
            () -> lines.update(new OrderLine(7, 3, "x", 1, 0)));
    assertTrue(unsaved.getMessage().startsWith("OrderLine[orderId=7, lineNo=3] has version 0"),
        unsaved.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void uncheckedWritesFindTheRowByTheWholeKey(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    OrderLine second = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine other = lines.insert(new OrderLine(8, 2, "plum", 5, 0));
    lines.update(second.withQuantity(2));
    lines.update(lines.findById(7, 2).orElseThrow().withQuantity(3)); // (7, 2) at version 3

    // a stale copy wins, and the version it gets is read back from (7, 2) itself
    OrderLine forced = lines.updateUnchecked(second.withQuantity(99));
    assertEquals(new OrderLine(7, 2, "pear", 99, 4), forced);
    // a shadow save keeps the version
    assertEquals(first.withQuantity(30), lines.updateWithoutIncrement(first.withQuantity(30)));
    assertEquals(Map.of("7/1", 1L, "7/2", 4L, "8/2", 1L), versions(dataSource));

    // with the check off, a batch that contains a deleted line aborts and deletes nothing
    lines.delete(first.withQuantity(30));
    try (OptimisticLocking.Scope off = OptimisticLocking.disable(OrderLine.class)) {
      BatchConflictException e =
          assertThrows(BatchConflictException.class,
              () -> lines.deleteAll(List.of(second, first, other), ConflictPolicy.ABORT_ALL));
      List<Conflict<OrderLine>> conflicts = e.conflicts(OrderLine.class);
      assertEquals(1, conflicts.size(), conflicts.toString());
      assertKey(line(7, 1), conflicts.get(0).id());
      assertTrue(conflicts.get(0).deleted());
    }
    assertEquals(List.of(forced, other), lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------- modify

  @EveryDatabase
  void modifyTakesTheKeyPartsInDeclarationOrder(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine swapped = lines.insert(new OrderLine(2, 7, "swapped", 1, 0));

    OrderLine result = lines.modify(7, 2, l -> l.withQuantity(l.quantity() + 10));
    assertEquals(new OrderLine(7, 2, "pear", 11, 2), result);
    assertEquals(List.of(swapped, first, result), lines.findAll());

    NoSuchElementException missing =
        assertThrows(NoSuchElementException.class, () -> lines.modify(7, 9, l -> l));
    assertEquals("OrderLine[orderId=7, lineNo=9] does not exist", missing.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void modifyRetriesAConcurrentModificationOfTheSameLine(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    OrderLine first = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    List<OrderLine> seen = new ArrayList<>();
    OrderLine result =
        lines.modify(
            7,
            2,
            l -> {
              seen.add(l);
              if (seen.size() == 1) {
                // a concurrent writer gets in between this attempt's load and its write
                lines.update(new OrderLine(7, 2, "pear (theirs)", l.quantity(), l.version()));
              }
              return l.withQuantity(l.quantity() + 1);
            },
            RetryPolicy.attempts(3));
    assertEquals(2, seen.size(), "the change runs once per attempt");
    assertEquals(new OrderLine(7, 2, "pear", 1, 1), seen.get(0));
    assertEquals(new OrderLine(7, 2, "pear (theirs)", 1, 2), seen.get(1));
    assertEquals(new OrderLine(7, 2, "pear (theirs)", 2, 3), result);
    assertEquals(List.of(first, result), lines.findAll());

    // when every attempt conflicts, the last conflict names the composite key
    AtomicInteger calls = new AtomicInteger();
    RecordModifiedException e =
        assertThrows(
            RecordModifiedException.class,
            () ->
                lines.modify(
                    7,
                    2,
                    l -> {
                      calls.incrementAndGet();
                      lines.update(l.withQuantity(l.quantity() + 100));
                      return l.withQuantity(-1);
                    },
                    RetryPolicy.attempts(2)));
    assertEquals(2, calls.get());
    assertKey(line(7, 2), e.id());
    assertEquals(4L, e.expectedVersion());
    assertEquals(Optional.of(5L), e.actualVersion());
    assertEquals(new OrderLine(7, 2, "pear (theirs)", 202, 5), lines.findById(7, 2).orElseThrow());
    assertEquals(first, lines.findById(7, 1).orElseThrow());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ batches

  /**
   * Lines (7, 1..3) and (8, 1..3) at version 1; then someone else moves (7, 2) to version 2 and
   * (8, 3) to version 3, and deletes (8, 1). Every stale or deleted line shares its order with a
   * fresh line and its line number with a fresh line of the other order. Returns the caller's
   * copies, all read at version 1, in the order (7,1) (7,2) (7,3) (8,1) (8,2) (8,3).
   */
  private static List<OrderLine> mixedLines(OrderLineRepository lines) {
    List<OrderLine> copies = new ArrayList<>();
    for (long order = 7; order <= 8; order++) {
      for (int no = 1; no <= 3; no++) {
        copies.add(lines.insert(new OrderLine(order, no, "p" + order + "." + no, no, 0)));
      }
    }
    lines.update(copies.get(1).withQuantity(20));
    OrderLine eightThree = lines.update(copies.get(5).withQuantity(30));
    lines.update(eightThree.withQuantity(31));
    lines.delete(copies.get(3));
    return copies;
  }

  /** The rows {@link #mixedLines} leaves. */
  private static final List<OrderLine> MIXED_STORED =
      List.of(
          new OrderLine(7, 1, "p7.1", 1, 1),
          new OrderLine(7, 2, "p7.2", 20, 2),
          new OrderLine(7, 3, "p7.3", 3, 1),
          new OrderLine(8, 2, "p8.2", 2, 1),
          new OrderLine(8, 3, "p8.3", 31, 3));

  private static void assertConflict(
      Conflict<OrderLine> conflict, CompositeKey key, Optional<Long> actual, OrderLine target) {
    assertKey(key, conflict.id());
    assertEquals(1L, conflict.expectedVersion(), "expected version of " + key);
    assertEquals(actual.map(v -> (Object) v), conflict.actualVersion(), "actual version of " + key);
    assertEquals(actual.isEmpty(), conflict.deleted());
    assertSame(target, conflict.target(), "the caller's object of " + key);
  }

  /** The caller's copies, edited, in the order of {@code indexes} (0-based into the copies). */
  private static List<OrderLine> edited(List<OrderLine> copies, int... indexes) {
    List<OrderLine> batch = new ArrayList<>();
    for (int i : indexes) {
      batch.add(copies.get(i).withQuantity(100 + i));
    }
    return batch;
  }

  @EveryDatabase
  void updateAllAbortAllIdentifiesEveryConflictByItsCompositeKeyAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    List<OrderLine> copies = mixedLines(lines);
    // (8,3) stale, (7,1) fresh, (8,1) deleted, (7,2) stale, (8,2) fresh, (7,3) fresh
    List<OrderLine> batch = edited(copies, 5, 0, 3, 1, 4, 2);

    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> lines.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(OrderLine.class, e.entityType());
    List<Conflict<OrderLine>> conflicts = e.conflicts(OrderLine.class);
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), line(8, 3), Optional.of(3L), batch.get(0));
    assertConflict(conflicts.get(1), line(8, 1), Optional.empty(), batch.get(2));
    assertConflict(conflicts.get(2), line(7, 2), Optional.of(2L), batch.get(3));
    assertTrue(e.getMessage().startsWith("3 of 6 OrderLine rows changed"), e.getMessage());
    assertTrue(
        e.getMessage().contains("OrderLine[orderId=8, lineNo=3] expected version 1, found 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("OrderLine[orderId=8, lineNo=1] was deleted"),
        e.getMessage());

    // nothing written, not even the fresh lines
    assertEquals(MIXED_STORED, lines.findAll());
    assertEquals(Map.of("7/1", 1L, "7/2", 2L, "7/3", 1L, "8/2", 1L, "8/3", 3L),
        versions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateAllSkipConflictsWritesExactlyTheFreshLines(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    List<OrderLine> copies = mixedLines(lines);
    List<OrderLine> batch = edited(copies, 5, 0, 3, 1, 4, 2);

    BatchResult<OrderLine> result = lines.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(
            new OrderLine(7, 1, "p7.1", 100, 2),
            new OrderLine(8, 2, "p8.2", 104, 2),
            new OrderLine(7, 3, "p7.3", 102, 2)),
        result.updated());
    List<Conflict<OrderLine>> conflicts = result.conflicts();
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), line(8, 3), Optional.of(3L), batch.get(0));
    assertConflict(conflicts.get(1), line(8, 1), Optional.empty(), batch.get(2));
    assertConflict(conflicts.get(2), line(7, 2), Optional.of(2L), batch.get(3));

    assertEquals(
        List.of(
            new OrderLine(7, 1, "p7.1", 100, 2),
            new OrderLine(7, 2, "p7.2", 20, 2),
            new OrderLine(7, 3, "p7.3", 102, 2),
            new OrderLine(8, 2, "p8.2", 104, 2),
            new OrderLine(8, 3, "p8.3", 31, 3)),
        lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteAllUnderBothPoliciesDeletesExactlyTheFreshLines(TestDatabase db) {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    List<OrderLine> copies = mixedLines(lines);
    // (7,2) stale, (8,2) fresh, (8,1) deleted, (7,1) fresh, (8,3) stale
    List<OrderLine> batch = List.of(copies.get(1), copies.get(4), copies.get(3), copies.get(0),
        copies.get(5));

    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> lines.deleteAll(batch, ConflictPolicy.ABORT_ALL));
    List<Conflict<OrderLine>> aborted = e.conflicts(OrderLine.class);
    assertEquals(3, aborted.size(), aborted.toString());
    assertConflict(aborted.get(0), line(7, 2), Optional.of(2L), batch.get(0));
    assertConflict(aborted.get(1), line(8, 1), Optional.empty(), batch.get(2));
    assertConflict(aborted.get(2), line(8, 3), Optional.of(3L), batch.get(4));
    assertEquals(MIXED_STORED, lines.findAll(), "ABORT_ALL deleted nothing");

    BatchResult<OrderLine> result = lines.deleteAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(copies.get(4), copies.get(0)), result.deleted());
    List<Conflict<OrderLine>> conflicts = result.conflicts();
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), line(7, 2), Optional.of(2L), batch.get(0));
    assertConflict(conflicts.get(1), line(8, 1), Optional.empty(), batch.get(2));
    assertConflict(conflicts.get(2), line(8, 3), Optional.of(3L), batch.get(4));
    assertEquals(
        List.of(
            new OrderLine(7, 2, "p7.2", 20, 2),
            new OrderLine(7, 3, "p7.3", 3, 1),
            new OrderLine(8, 3, "p8.3", 31, 3)),
        lines.findAll());
    assertEquals(Map.of("7/2", 2L, "7/3", 1L, "8/3", 3L), versions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aBatchListingTheSameCompositeKeyTwiceIsRefusedAndNothingIsWritten(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    OrderLine a = lines.insert(new OrderLine(7, 1, "apple", 1, 0));
    OrderLine b = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine c = lines.insert(new OrderLine(8, 1, "plum", 1, 0));
    List<OrderLine> twice = List.of(a.withQuantity(5), b, c, a.withQuantity(6));
    for (ConflictPolicy policy : ConflictPolicy.values()) {
      IllegalArgumentException update =
          assertThrows(IllegalArgumentException.class, () -> lines.updateAll(twice, policy));
      assertEquals(
          "orderLines[3]: OrderLine[orderId=7, lineNo=1] appears more than once; nothing was"
              + " written",
          update.getMessage());
      IllegalArgumentException delete =
          assertThrows(IllegalArgumentException.class, () -> lines.deleteAll(twice, policy));
      assertTrue(
          delete.getMessage().contains("OrderLine[orderId=7, lineNo=1] appears more than once"),
          delete.getMessage());
    }
    AtomicBoolean ran = new AtomicBoolean();
    IllegalArgumentException guarded =
        assertThrows(IllegalArgumentException.class,
            () -> lines.ifUnchanged(twice, () -> ran.getAndSet(true)));
    assertTrue(
        guarded.getMessage().contains("OrderLine[orderId=7, lineNo=1] appears more than once"),
        guarded.getMessage());
    assertFalse(ran.get());
    assertEquals(List.of(a, b, c), lines.findAll());

    // the same order or the same line number alone is no duplicate
    BatchResult<OrderLine> fine =
        lines.updateAll(List.of(a.withQuantity(5), b.withQuantity(5), c.withQuantity(5)),
            ConflictPolicy.ABORT_ALL);
    assertEquals(3, fine.updated().size());
    assertEquals(
        List.of(new OrderLine(7, 1, "apple", 5, 2), new OrderLine(7, 2, "pear", 5, 2),
            new OrderLine(8, 1, "plum", 5, 2)),
        lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void conflictsAmongMoreThanAChunkOfCompositeKeysAreIdentifiedExactly(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("order_line");
    OrderLineRepository lines = new OrderLineRepository(dataSource);
    // 1,200 lines: orders 1..3 with lines 1..400, so the ids are read in IN lists of 500 keys
    List<OrderLine> stored =
        Transactions.call(dataSource, () -> {
          List<OrderLine> inserted = new ArrayList<>();
          for (long order = 1; order <= 3; order++) {
            for (int no = 1; no <= 400; no++) {
              inserted.add(lines.insert(new OrderLine(order, no, "p", 1, 0)));
            }
          }
          return inserted;
        });
    // another client changes every line whose order and line number add up to an even number
    assertEquals(600, externally(dataSource,
        "UPDATE order_line SET version = version + 1, product = 'theirs'"
            + " WHERE (order_id + line_no) % 2 = 0"));
    List<CompositeKey> stale = stored.stream()
        .filter(l -> (l.orderId() + l.lineNo()) % 2 == 0)
        .map(l -> line(l.orderId(), l.lineNo()))
        .toList();

    // ifUnchanged reads (and locks) all 1,200 keys
    BatchConflictException guarded =
        assertThrows(BatchConflictException.class, () -> lines.ifUnchanged(stored, () -> "ran"));
    assertEquals(stale, guarded.conflicts().stream().map(Conflict::id).toList());

    List<OrderLine> edits = stored.stream().map(l -> l.withQuantity(2)).toList();
    BatchResult<OrderLine> result = lines.updateAll(edits, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(stale, result.conflicts().stream().map(Conflict::id).toList());
    for (Conflict<OrderLine> c : result.conflicts()) {
      assertEquals(Optional.of(2L), c.actualVersion(), "line " + c.id());
    }
    assertEquals(600, result.updated().size());
    for (OrderLine row : lines.findAll()) {
      boolean theirs = (row.orderId() + row.lineNo()) % 2 == 0;
      assertEquals(
          theirs
              ? new OrderLine(row.orderId(), row.lineNo(), "theirs", 1, 2)
              : new OrderLine(row.orderId(), row.lineNo(), "p", 2, 2),
          row);
    }
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void ifUnchangedChecksEverySelectedLineByItsCompositeKey(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    List<OrderLine> copies = mixedLines(lines);
    // fresh lines only: the action runs
    String done =
        lines.ifUnchanged(List.of(copies.get(0), copies.get(4)), () -> {
          lines.delete(copies.get(0));
          return "deleted (7, 1)";
        });
    assertEquals("deleted (7, 1)", done);
    assertEquals(Optional.empty(), lines.findById(7, 1));

    AtomicBoolean ran = new AtomicBoolean();
    List<OrderLine> selection = List.of(copies.get(4), copies.get(1), copies.get(2));
    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> lines.ifUnchanged(selection, () -> {
              ran.set(true);
              lines.delete(copies.get(4));
              return null;
            }));
    assertFalse(ran.get(), "the action must not run");
    List<Conflict<OrderLine>> conflicts = e.conflicts(OrderLine.class);
    assertEquals(1, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), line(7, 2), Optional.of(2L), selection.get(1));
    assertEquals(MIXED_STORED.subList(1, 5), lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------- schema

  @EveryDatabase
  void theGeneratedCreateTableMakesAWorkingCompositePrimaryKey(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.pool();
    Dialect dialect = Dialect.valueOf(db.name());
    char q = dialect.quote();
    externally(dataSource, "DROP TABLE IF EXISTS " + q + "order_line" + q);
    String ddl = OrderLineRepository.createTableSql(dialect);
    assertTrue(ddl.contains("PRIMARY KEY (" + q + "order_id" + q + ", " + q + "line_no" + q + ")"),
        ddl);
    externally(dataSource, ddl);

    OrderLineRepository lines = new OrderLineRepository(dataSource);
    lines.createTable(); // IF NOT EXISTS: a no-op now
    OrderLine a = lines.insert(new OrderLine(7, 1, "apple", 3, 0));
    OrderLine b = lines.insert(new OrderLine(7, 2, "pear", 1, 0));
    OrderLine c = lines.insert(new OrderLine(8, 1, "plum", 5, 0));
    assertThrows(DataAccessException.class, () -> lines.insert(new OrderLine(7, 2, "dup", 1, 0)));
    assertEquals(List.of(a, b, c), lines.findAll());
    assertEquals(Optional.of(b), lines.findById(7, 2));
    OrderLine b2 = lines.update(b.withQuantity(2));
    assertThrows(RecordModifiedException.class, () -> lines.update(b.withQuantity(3)));
    assertEquals(List.of(a, b2, c), lines.findAll());
    assertEquals(0, db.activeConnections());
  }

  // --------------------------------------------------------------- TRIGGER version (Parcel)

  private static final List<String> PARCEL_KEY = List.of("carrier", "trackingNo");

  /** "carrier/trackingNo" → version of every parcel row, read with plain JDBC. */
  private static Map<String, Long> parcelVersions(DataSource dataSource) {
    return versions(dataSource,
        "SELECT carrier, tracking_no, version FROM parcel ORDER BY carrier, tracking_no");
  }

  /** DHL 1001, DHL 1002 and UPS 1001, each sharing one part of its key with another. */
  private static List<Parcel> insertParcels(ParcelRepository parcels) {
    return List.of(
        parcels.insert(new Parcel("DHL", 1001, "packed", 0)),
        parcels.insert(new Parcel("DHL", 1002, "packed", 0)),
        parcels.insert(new Parcel("UPS", 1001, "packed", 0)));
  }

  @Test
  void theTriggerIsDeclaredWithEveryKeyColumnAndSqlitesMatchesOnAllOfThem() {
    assertEquals("carrier,tracking_no", ParcelRepository.TRIGGER.idColumn());
    assertTrue(Triggers.declared().contains(ParcelRepository.TRIGGER),
        "META-INF/optilock/triggers.list: " + Triggers.declared());
    assertEquals(
        List.of("CREATE TRIGGER IF NOT EXISTS \"optilock_parcel_version\" AFTER UPDATE ON"
            + " \"parcel\" FOR EACH ROW WHEN NEW.\"version\" IS OLD.\"version\" BEGIN UPDATE"
            + " \"parcel\" SET \"version\" = OLD.\"version\" + 1 WHERE \"carrier\" IS"
            + " NEW.\"carrier\" AND \"tracking_no\" IS NEW.\"tracking_no\"; END"),
        Triggers.createStatements(Dialect.SQLITE, ParcelRepository.TRIGGER));
  }

  @EveryDatabase
  void theTriggerMovesTheVersionOfTheUpdatedParcelOnly(TestDatabase db) {
    DataSource dataSource = db.fresh("parcel");
    ParcelRepository parcels = new ParcelRepository(dataSource);
    parcels.createTriggers();
    List<Parcel> inserted = insertParcels(parcels);
    assertEquals(new Parcel("DHL", 1001, "packed", 1), inserted.get(0));

    Parcel v2 = parcels.update(inserted.get(0).withStatus("shipped"));
    assertEquals(new Parcel("DHL", 1001, "shipped", 2), v2);
    assertEquals(Map.of("DHL/1001", 2L, "DHL/1002", 1L, "UPS/1001", 1L),
        parcelVersions(dataSource));
    Parcel v3 = parcels.update(v2.withStatus("delivered"));
    assertEquals(3, v3.version());
    assertEquals(List.of(v3, inserted.get(1), inserted.get(2)), parcels.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anUpdateByAnotherClientMovesTheVersionSoAStaleParcelUpdateFails(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("parcel");
    ParcelRepository parcels = new ParcelRepository(dataSource);
    parcels.createTriggers();
    List<Parcel> loaded = insertParcels(parcels);

    // (sqlite-jdbc counts the trigger's own UPDATE in the update count, so this is 1 or 2)
    assertTrue(externally(dataSource,
        "UPDATE parcel SET status = 'lost' WHERE carrier = 'DHL' AND tracking_no = 1001") >= 1);
    assertEquals(Map.of("DHL/1001", 2L, "DHL/1002", 1L, "UPS/1001", 1L),
        parcelVersions(dataSource), "the trigger matches the row on both key columns");

    RecordModifiedException e =
        assertThrows(RecordModifiedException.class,
            () -> parcels.update(loaded.get(0).withStatus("delivered")));
    assertKey(CompositeKey.of(PARCEL_KEY, "DHL", 1001L), e.id());
    assertEquals("DHL", ((CompositeKey) e.id()).get("carrier"));
    assertEquals(
        "Parcel[carrier=DHL, trackingNo=1001] was modified concurrently: expected version 1,"
            + " found 2",
        e.getMessage());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(Optional.of(new Parcel("DHL", 1001, "lost", 2)), e.current(Parcel.class));
    assertEquals("lost", parcels.findById("DHL", 1001).orElseThrow().status());

    // the neighbours were not touched, so their copies are still current
    Parcel dhl1002 = parcels.update(loaded.get(1).withStatus("shipped"));
    Parcel ups1001 = parcels.update(loaded.get(2).withStatus("shipped"));
    assertEquals(2, dhl1002.version());
    assertEquals(2, ups1001.version());
    assertEquals(
        List.of(new Parcel("DHL", 1001, "lost", 2), dhl1002, ups1001), parcels.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aParcelBatchReadsTheTriggersVersionsBackByCompositeKey(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("parcel");
    ParcelRepository parcels = new ParcelRepository(dataSource);
    parcels.createTriggers();
    List<Parcel> loaded = insertParcels(parcels);
    externally(dataSource,
        "UPDATE parcel SET status = 'lost' WHERE carrier = 'UPS' AND tracking_no = 1001");
    List<Parcel> batch = loaded.stream().map(s -> s.withStatus("shipped")).toList();

    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> parcels.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(1, e.conflicts().size());
    assertKey(CompositeKey.of(PARCEL_KEY, "UPS", 1001L), e.conflicts().get(0).id());
    assertEquals(Map.of("DHL/1001", 1L, "DHL/1002", 1L, "UPS/1001", 2L),
        parcelVersions(dataSource));

    BatchResult<Parcel> result = parcels.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(new Parcel("DHL", 1001, "shipped", 2), new Parcel("DHL", 1002, "shipped", 2)),
        result.updated());
    assertEquals(1, result.conflicts().size());
    assertKey(CompositeKey.of(PARCEL_KEY, "UPS", 1001L), result.conflicts().get(0).id());
    assertEquals(Optional.of(2L), result.conflicts().get(0).actualVersion());
    assertEquals(Map.of("DHL/1001", 2L, "DHL/1002", 2L, "UPS/1001", 2L),
        parcelVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void createTableInstallsAParcelTableAndATriggerThatMatchOnTheWholeKey(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("parcel"); // (drops the function on PostgreSQL too)
    char q = Dialect.valueOf(db.name()).quote();
    externally(dataSource, "DROP TABLE IF EXISTS " + q + "parcel" + q);
    ParcelRepository parcels = new ParcelRepository(dataSource);
    parcels.createTable();
    List<Parcel> loaded = insertParcels(parcels);
    externally(dataSource,
        "UPDATE parcel SET status = 'held' WHERE carrier = 'DHL' AND tracking_no = 1002");
    assertEquals(Map.of("DHL/1001", 1L, "DHL/1002", 2L, "UPS/1001", 1L),
        parcelVersions(dataSource));
    assertThrows(RecordModifiedException.class,
        () -> parcels.update(loaded.get(1).withStatus("mine")));
    assertEquals(2, parcels.update(loaded.get(0).withStatus("mine")).version());
    assertEquals(0, db.activeConnections());
  }

  // ----------------------------------------------------------- a class entity (Booking)

  private static final List<String> BOOKING_KEY = List.of("room", "day", "slot");

  @EveryDatabase
  void aClassWithAThreePartKeyIsInsertedUpdatedAndRefusedWhenStale(TestDatabase db) {
    BookingRepository bookings = new BookingRepository(db.fresh("booking"));
    Booking booking = Booking.of("A", DAY, 1, "alice");
    assertSame(booking, bookings.insert(booking));
    assertEquals(1, booking.getVersion());
    // neighbours that share two of the three parts
    bookings.insert(Booking.of("A", DAY, 2, "bob"));
    bookings.insert(Booking.of("A", DAY.plusDays(1), 1, "carol"));
    bookings.insert(Booking.of("B", DAY, 1, "dave"));

    Booking mine = bookings.findById("A", DAY, 1).orElseThrow();
    Booking theirs = bookings.findById("A", DAY, 1).orElseThrow();
    assertEquals("alice", mine.getGuest());
    assertEquals(DAY, mine.getDay());
    assertEquals(Integer.valueOf(1), mine.getSlot());
    assertEquals("bob", bookings.findById("A", DAY, 2).orElseThrow().getGuest());
    assertEquals("carol", bookings.findById("A", DAY.plusDays(1), 1).orElseThrow().getGuest());
    assertEquals("dave", bookings.findById("B", DAY, 1).orElseThrow().getGuest());
    assertEquals(Optional.empty(), bookings.findById("B", DAY, 2).map(Booking::getGuest));
    // a null part of the key is refused by its name
    assertEquals("day",
        assertThrows(NullPointerException.class, () -> bookings.findById("A", null, 1))
            .getMessage());
    assertEquals("slot",
        assertThrows(NullPointerException.class,
            () -> bookings.findByIdAndVersion("A", DAY, null, 1)).getMessage());

    theirs.setGuest("erin");
    assertSame(theirs, bookings.update(theirs));
    assertEquals(2, theirs.getVersion());

    mine.setGuest("frank");
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> bookings.update(mine));
    assertKey(CompositeKey.of(BOOKING_KEY, "A", DAY, 1), e.id());
    assertEquals(DAY, ((CompositeKey) e.id()).get("day"));
    assertEquals(
        "Booking[room=A, day=2024-05-06, slot=1] was modified concurrently: expected version 1,"
            + " found 2",
        e.getMessage());
    assertEquals(1, mine.getVersion(), "a failed update leaves the object as it was");
    assertEquals("frank", mine.getGuest());
    assertSame(mine, e.target());
    assertEquals("erin", e.current(Booking.class).orElseThrow().getGuest());

    assertEquals(
        List.of("A/2024-05-06/1/erin/2", "A/2024-05-06/2/bob/1", "A/2024-05-07/1/carol/1",
            "B/2024-05-06/1/dave/1"),
        bookings.findAll().stream()
            .map(b -> b.getRoom() + "/" + b.getDay() + "/" + b.getSlot() + "/" + b.getGuest() + "/"
                + b.getVersion())
            .toList());

    // delete by the whole key; a stale delete deletes nothing
    assertThrows(RecordModifiedException.class, () -> bookings.delete(mine));
    bookings.delete(theirs);
    assertEquals(Optional.empty(), bookings.findById("A", DAY, 1).map(Booking::getGuest));
    assertEquals(3, bookings.findAll().size());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aClassWithAThreePartKeyInBatchesAndModify(TestDatabase db) {
    BookingRepository bookings = new BookingRepository(db.fresh("booking"));
    Booking b1 = bookings.insert(Booking.of("A", DAY, 1, "alice"));
    Booking b2 = bookings.insert(Booking.of("A", DAY, 2, "bob"));
    Booking b3 = bookings.insert(Booking.of("A", DAY.plusDays(1), 2, "carol"));
    Booking theirs = bookings.findById("A", DAY, 2).orElseThrow();
    theirs.setGuest("theirs");
    bookings.update(theirs);
    for (Booking b : List.of(b1, b2, b3)) {
      b.setGuest("mine " + b.getGuest());
    }

    BatchConflictException e =
        assertThrows(BatchConflictException.class,
            () -> bookings.updateAll(List.of(b3, b2, b1), ConflictPolicy.ABORT_ALL));
    assertEquals(1, e.conflicts().size());
    assertKey(CompositeKey.of(BOOKING_KEY, "A", DAY, 2), e.conflicts().get(0).id());
    assertEquals(Optional.of(2), e.conflicts().get(0).actualVersion());
    for (Booking b : List.of(b1, b2, b3)) {
      assertEquals(1, b.getVersion(), "ABORT_ALL leaves " + b + " as it was");
    }

    BatchResult<Booking> result =
        bookings.updateAll(List.of(b3, b2, b1), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(b3, b1), result.updated());
    assertEquals(2, b1.getVersion());
    assertEquals(2, b3.getVersion());
    assertEquals(1, b2.getVersion(), "the conflicting booking keeps its version");
    assertEquals(1, result.conflicts().size());
    assertKey(CompositeKey.of(BOOKING_KEY, "A", DAY, 2), result.conflicts().get(0).id());
    assertSame(b2, result.conflicts().get(0).target());

    Booking modified =
        bookings.modify("A", DAY, 2, b -> {
          b.setGuest(b.getGuest() + " + mine");
          return b;
        });
    assertEquals("theirs + mine", modified.getGuest());
    assertEquals(3, modified.getVersion());
    assertEquals(
        List.of("mine alice/2", "theirs + mine/3", "mine carol/2"),
        bookings.findAll().stream().map(b -> b.getGuest() + "/" + b.getVersion()).toList());
    assertEquals(0, db.activeConnections());
  }
}
