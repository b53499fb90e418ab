package dev.optilock.samples.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.crm.Address;
import com.example.crm.Customer;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.CompositeKey;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Versioned;
import dev.optilock.runtime.web.EntityTag;
import dev.optilock.runtime.web.HttpConflict;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Third-party classes, end to end: {@code com.example.crm.Customer} (a JavaBean) and {@code
 * com.example.crm.Address} (a record with a composite key) come from the samples-legacy jar, which
 * was compiled without optilock and has no version field. {@link CrmTables} makes them versioned
 * with {@code @VersionedType}; the generated {@code CustomerRepository} and {@code
 * AddressRepository} work with {@link Versioned}, and the version lives only in the table
 * ({@code crm_customer.row_version}, {@code address.version}). Every database is checked with plain
 * JDBC, independently of the repository under test.
 */
class VersionedTypeTest {

  // ------------------------------------------------------------------------------ helpers

  private static Customer acme() {
    return new Customer(7, "ACME", "ops@acme.example");
  }

  /** One crm_customer row as plain JDBC sees it. */
  record Row(long id, String name, String email, long rowVersion) {}

  private static Optional<Row> row(DataSource dataSource, long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id, name, email, row_version FROM crm_customer WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next()
            ? Optional.of(new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** id → row_version of every crm_customer row, with plain JDBC. */
  private static Map<Long, Long> rowVersions(DataSource dataSource) {
    Map<Long, Long> versions = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, row_version FROM crm_customer ORDER BY id")) {
      while (rows.next()) {
        versions.put(rows.getLong(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  /** "customerId/label" → version of every address row, with plain JDBC. */
  private static Map<String, Long> addressVersions(DataSource dataSource) {
    Map<String, Long> versions = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT customer_id, label, version FROM address ORDER BY customer_id, label")) {
      while (rows.next()) {
        versions.put(rows.getLong(1) + "/" + rows.getString(2), rows.getLong(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return versions;
  }

  /** A statement run by "another client": a connection of its own, outside any repository. */
  private static int otherClient(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Customer renamed(Customer c, String name) {
    return new Customer(c.getId(), name, c.getEmail());
  }

  // ------------------------------------------------------------------------------ the jar

  @Test
  void customerAndAddressComeFromTheSamplesLegacyJarNotFromThisModule() throws URISyntaxException {
    for (Class<?> type : List.of(Customer.class, Address.class)) {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      String path = location.toString().replace('\\', '/');
      assertTrue(path.matches(".*/samples-legacy/target/(classes|optilock-samples-legacy-[^/]*\\.jar)/?"),
          type + " was loaded from " + path);
      // the repositories, by contrast, were generated and compiled in this module's tests
      Path repositories = Path.of(
          CustomerRepository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertTrue(repositories.toString().replace('\\', '/').endsWith("samples/target/test-classes"),
          repositories.toString());
      assertFalse(location.startsWith(repositories.getParent()), location.toString());
    }
    // nothing of optilock in the "library": no version field, no optilock annotation
    for (Field field : Customer.class.getDeclaredFields()) {
      assertFalse(field.getName().toLowerCase().contains("version"), field.toString());
      assertEquals(0, field.getAnnotations().length, field.toString());
    }
    assertEquals(0, Customer.class.getAnnotations().length);
    assertEquals(List.of("customerId", "label", "street", "city"),
        Arrays.stream(Address.class.getRecordComponents()).map(c -> c.getName()).toList());
    // and the repository is a public final class of the annotated element's package
    assertEquals(CrmTables.class.getPackage(), CustomerRepository.class.getPackage());
    assertTrue(Modifier.isFinal(CustomerRepository.class.getModifiers()));
    assertTrue(Modifier.isPublic(AddressRepository.class.getModifiers()));
  }

  // ------------------------------------------------------------------------------ Customer: CRUD

  @EveryDatabase
  void insertReturnsVersionOneAndTheRowHoldsItInRowVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Customer acme = acme();

    Versioned<Customer> stored = customers.insert(acme);
    assertEquals(1, stored.version());
    assertSame(acme, stored.value(), "the value is the object passed in");
    assertEquals(Optional.of(new Row(7, "ACME", "ops@acme.example", 1)), row(dataSource, 7));

    // insert(Versioned) writes version 1 whatever version it carries, and leaves it as it was
    Versioned<Customer> odd = new Versioned<>(new Customer(8, "Initech", null), 41);
    Versioned<Customer> second = customers.insert(odd);
    assertEquals(1, second.version());
    assertEquals(41, odd.version());
    assertEquals(Optional.of(new Row(8, "Initech", null, 1)), row(dataSource, 8));
    assertEquals(Map.of(7L, 1L, 8L, 1L), rowVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void findByIdAndFindAllReturnVersionedWithTheStoredValues(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(new Customer(9, "Umbrella", "it@umbrella.example"));
    customers.insert(acme());
    otherClient(dataSource, "UPDATE crm_customer SET row_version = 5 WHERE id = 9");

    Versioned<Customer> found = customers.findById(7).orElseThrow();
    assertEquals(new Versioned<>(acme(), 1), found);
    assertEquals("ACME", found.value().getName());
    assertEquals("ops@acme.example", found.value().getEmail());
    assertEquals(Optional.empty(), customers.findById(404));
    assertEquals(
        List.of(new Versioned<>(acme(), 1),
            new Versioned<>(new Customer(9, "Umbrella", "it@umbrella.example"), 5)),
        customers.findAll(), "ordered by id, each with its row's version");
    assertNotSame(customers.findById(7).orElseThrow().value(), customers.findById(7).orElseThrow().value());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateOfAnEditedValueMovesTheVersionToTwo(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    Versioned<Customer> read = customers.findById(7).orElseThrow();

    Versioned<Customer> updated =
        customers.update(read.withValue(new Customer(7, "ACME Corp", "billing@acme.example")));
    assertEquals(2, updated.version());
    assertEquals(new Customer(7, "ACME Corp", "billing@acme.example"), updated.value());
    assertEquals(1, read.version(), "the Versioned that was read is immutable");
    assertEquals(Optional.of(new Row(7, "ACME Corp", "billing@acme.example", 2)), row(dataSource, 7));
    assertEquals(Optional.of(updated), customers.findById(7));

    // and again, from the returned Versioned, with a setter on the JavaBean
    Versioned<Customer> third = customers.update(updated.map(c -> {
      c.setEmail("accounts@acme.example");
      return c;
    }));
    assertEquals(3, third.version());
    assertEquals(Optional.of(new Row(7, "ACME Corp", "accounts@acme.example", 3)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aStaleVersionedIsRefusedAndTheRowAndTheCallersObjectStayAsTheyWere(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    Versioned<Customer> alices = customers.findById(7).orElseThrow();
    Versioned<Customer> bobs = customers.findById(7).orElseThrow();

    Versioned<Customer> alicesSaved = customers.update(alices.map(c -> renamed(c, "ACME Corp")));
    assertEquals(2, alicesSaved.version());

    Customer bobsEdit = new Customer(7, "ACME Inc", "bob@acme.example");
    Versioned<Customer> bobsStale = bobs.withValue(bobsEdit);
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> customers.update(bobsStale));
    assertEquals("Customer[id=7] was modified concurrently: expected version 1, found 2", e.getMessage());
    assertEquals(Customer.class, e.entityType());
    assertEquals(7L, e.id());
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertSame(bobsStale, e.target(), "target() is the caller's Versioned itself");
    Versioned<?> current = assertInstanceOf(Versioned.class, e.current().orElseThrow());
    assertEquals(new Versioned<>(new Customer(7, "ACME Corp", "ops@acme.example"), 2), current);
    assertEquals(alicesSaved, e.current(Versioned.class).orElseThrow());
    assertSame(bobsStale, e.target(Versioned.class));

    // the caller's Versioned and its value are untouched
    assertEquals(1, bobsStale.version());
    assertSame(bobsEdit, bobsStale.value());
    assertEquals(new Customer(7, "ACME Inc", "bob@acme.example"), bobsEdit);
    // the row too
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));

    // tryUpdate says the same with an empty result, and writes nothing either
    assertEquals(Optional.empty(), customers.tryUpdate(bobsStale));
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anUnsavedVersionedIsNotUpdatedOrDeleted(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    Versioned<Customer> unsaved = Versioned.unsaved(renamed(acme(), "never written"));
    assertThrows(IllegalArgumentException.class, () -> customers.update(unsaved));
    assertThrows(IllegalArgumentException.class, () -> customers.delete(unsaved));
    assertThrows(NullPointerException.class, () -> customers.update(null));
    assertThrows(NullPointerException.class, () -> Versioned.unsaved(null));
    assertEquals(Optional.of(new Row(7, "ACME", "ops@acme.example", 1)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteChecksTheVersionAndAStaleDeleteDeletesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> v1 = customers.insert(acme());
    Versioned<Customer> v2 = customers.update(v1.map(c -> renamed(c, "ACME Corp")));

    RecordModifiedException stale = assertThrows(RecordModifiedException.class, () -> customers.delete(v1));
    assertEquals("Customer[id=7] was modified concurrently: expected version 1, found 2", stale.getMessage());
    assertSame(v1, stale.target());
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));

    customers.delete(v2);
    assertEquals(Optional.empty(), row(dataSource, 7));
    assertEquals(Optional.empty(), customers.findById(7));

    RecordModifiedException gone = assertThrows(RecordModifiedException.class, () -> customers.delete(v2));
    assertEquals("Customer[id=7] was deleted: expected version 2, found no row", gone.getMessage());
    assertEquals(Optional.empty(), gone.actualVersion());
    assertEquals(Optional.empty(), gone.current());
    assertThrows(RecordModifiedException.class, () -> customers.update(v2));
    assertEquals(Map.of(), rowVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void saveInsertsAnUnsavedVersionedAndUpdatesAStoredOne(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);

    Versioned<Customer> inserted = customers.save(Versioned.unsaved(acme()));
    assertEquals(1, inserted.version());
    assertEquals(Optional.of(new Row(7, "ACME", "ops@acme.example", 1)), row(dataSource, 7));

    Versioned<Customer> updated = customers.save(inserted.map(c -> renamed(c, "ACME Corp")));
    assertEquals(2, updated.version());
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));

    // a stale one is an update that conflicts, never a second insert
    RecordModifiedException e = assertThrows(RecordModifiedException.class,
        () -> customers.save(inserted.map(c -> renamed(c, "stale"))));
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));
    assertEquals(1, customers.findAll().size());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void isChangedAndFindByIdAndVersionCompareWithTheStoredRowVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> v1 = customers.insert(acme());
    assertFalse(customers.isChanged(v1));
    assertEquals(Optional.of(new Versioned<>(acme(), 1)), customers.findByIdAndVersion(7, 1));
    assertEquals(Optional.empty(), customers.findByIdAndVersion(7, 2));

    Versioned<Customer> v2 = customers.update(v1.map(c -> renamed(c, "ACME Corp")));
    assertTrue(customers.isChanged(v1));
    assertFalse(customers.isChanged(v2));
    assertEquals(Optional.empty(), customers.findByIdAndVersion(7, 1));
    assertEquals(Optional.of(v2), customers.findByIdAndVersion(7, 2));
    assertEquals(Optional.empty(), customers.findByIdAndVersion(404, 1));

    customers.delete(v2);
    assertTrue(customers.isChanged(v2), "a deleted row counts as changed");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aRawSqlUpdateByAnotherClientThatBumpsRowVersionMakesTheStaleVersionedFail(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> read = customers.insert(acme());

    assertEquals(1, otherClient(dataSource,
        "UPDATE crm_customer SET email = 'legacy@acme.example', row_version = row_version + 1"
            + " WHERE id = 7"));
    assertTrue(customers.isChanged(read));

    RecordModifiedException e = assertThrows(RecordModifiedException.class,
        () -> customers.update(read.map(c -> renamed(c, "mine"))));
    assertEquals("Customer[id=7] was modified concurrently: expected version 1, found 2", e.getMessage());
    assertEquals(new Versioned<>(new Customer(7, "ACME", "legacy@acme.example"), 2),
        e.current().orElseThrow());
    assertThrows(RecordModifiedException.class, () -> customers.delete(read));
    assertEquals(Optional.of(new Row(7, "ACME", "legacy@acme.example", 2)), row(dataSource, 7));

    // the reloaded Versioned carries the other client's version and writes
    Versioned<Customer> reloaded = customers.findById(7).orElseThrow();
    assertEquals(3, customers.update(reloaded.map(c -> renamed(c, "mine"))).version());
    assertEquals(Optional.of(new Row(7, "mine", "legacy@acme.example", 3)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ modify

  @EveryDatabase
  void modifyLoadsAppliesTheChangeAndWrites(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    AtomicInteger calls = new AtomicInteger();
    Versioned<Customer> result = customers.modify(7, v -> {
      calls.incrementAndGet();
      assertEquals(new Versioned<>(acme(), 1), v);
      return v.map(c -> renamed(c, c.getName() + "!"));
    });
    assertEquals(1, calls.get());
    assertEquals(new Versioned<>(new Customer(7, "ACME!", "ops@acme.example"), 2), result);
    assertEquals(Optional.of(new Row(7, "ACME!", "ops@acme.example", 2)), row(dataSource, 7));

    NoSuchElementException missing =
        assertThrows(NoSuchElementException.class, () -> customers.modify(404, v -> v));
    assertTrue(missing.getMessage().contains("Customer[id=404]"), missing.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void modifyRetriesWithTheReloadedRowWhenAConcurrentWriterGetsIn(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    List<Versioned<Customer>> seen = new ArrayList<>();
    Versioned<Customer> result = customers.modify(7, v -> {
      seen.add(v);
      if (seen.size() == 1) {
        // a concurrent writer gets in between this attempt's load and its write
        customers.update(new Versioned<>(new Customer(7, "ACME", "concurrent@acme.example"), v.version()));
      }
      return v.map(c -> renamed(c, c.getName() + "!"));
    }, RetryPolicy.attempts(3));

    assertEquals(2, seen.size(), "the change runs once per attempt");
    assertEquals(new Versioned<>(acme(), 1), seen.get(0));
    assertEquals(new Versioned<>(new Customer(7, "ACME", "concurrent@acme.example"), 2), seen.get(1));
    // both effects: the concurrent writer's email, and the change applied to the reloaded row
    assertEquals(new Versioned<>(new Customer(7, "ACME!", "concurrent@acme.example"), 3), result);
    assertEquals(Optional.of(new Row(7, "ACME!", "concurrent@acme.example", 3)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void modifyGivesUpWithTheLastConflictAfterTheAttempts(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.insert(acme());
    AtomicInteger calls = new AtomicInteger();
    RecordModifiedException e = assertThrows(RecordModifiedException.class, () ->
        customers.modify(7, v -> {
          int call = calls.incrementAndGet();
          otherClient(dataSource, "UPDATE crm_customer SET email = 'raw" + call
              + "', row_version = row_version + 1 WHERE id = 7");
          return v.map(c -> renamed(c, "never written"));
        }, RetryPolicy.attempts(3)));
    assertEquals(3, calls.get());
    assertEquals(3L, e.expectedVersion());
    assertEquals(Optional.of(4L), e.actualVersion());
    Versioned<?> target = e.target(Versioned.class);
    assertEquals("never written", ((Customer) target.value()).getName());
    assertEquals(Optional.of(new Row(7, "ACME", "raw3", 4)), row(dataSource, 7));
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ batches

  /**
   * Customers 1..6 at version 1; then another writer moves 2 to version 2, 5 to version 3 and
   * deletes 4. Returns the caller's copies, all at version 1 (so 2, 4 and 5 are stale).
   */
  private static List<Versioned<Customer>> mixedCustomers(CustomerRepository customers) {
    List<Versioned<Customer>> copies = new ArrayList<>();
    for (int id = 1; id <= 6; id++) {
      copies.add(customers.insert(new Customer(id, "c" + id, id + "@example.com")));
    }
    customers.update(copies.get(1).map(c -> renamed(c, "theirs2")));
    Versioned<Customer> five = customers.update(copies.get(4).map(c -> renamed(c, "theirs5")));
    customers.update(five.map(c -> renamed(c, "theirs5 again")));
    customers.delete(copies.get(3));
    return copies;
  }

  private static final Map<Long, Long> MIXED_VERSIONS = Map.of(1L, 1L, 2L, 2L, 3L, 1L, 5L, 3L, 6L, 1L);

  private static List<Versioned<Customer>> edited(List<Versioned<Customer>> copies, int... ids) {
    return Arrays.stream(ids).mapToObj(id -> copies.get(id - 1).map(c -> renamed(c, "edit" + id))).toList();
  }

  private static void assertConflict(
      Conflict<?> conflict, long id, Optional<Long> actual, Versioned<Customer> target) {
    assertEquals(id, conflict.id(), "id");
    assertEquals(1L, conflict.expectedVersion(), "expected version of " + id);
    assertEquals(actual.map(v -> (Object) v), conflict.actualVersion(), "actual version of " + id);
    assertEquals(actual.isEmpty(), conflict.deleted());
    assertSame(target, conflict.target(), "the caller's Versioned of " + id);
  }

  @EveryDatabase
  void updateAllAbortAllListsEveryConflictAndWritesNothing(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    List<Versioned<Customer>> copies = mixedCustomers(customers);
    List<Versioned<Customer>> batch = edited(copies, 5, 1, 4, 2, 6, 3);

    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> customers.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(Customer.class, e.entityType());
    assertTrue(e.getMessage().startsWith("3 of 6 Customer rows changed since they were read; nothing"
        + " was written: Customer[id=5] expected version 1, found 3; Customer[id=4] was deleted"), e.getMessage());
    List<Conflict<?>> conflicts = e.conflicts();
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), 5, Optional.of(3L), batch.get(0));
    assertConflict(conflicts.get(1), 4, Optional.empty(), batch.get(2));
    assertConflict(conflicts.get(2), 2, Optional.of(2L), batch.get(3));
    batch.forEach(v -> assertEquals(1, v.version()));

    assertEquals(MIXED_VERSIONS, rowVersions(dataSource), "nothing written, not even 1, 3 and 6");
    assertEquals("c1", row(dataSource, 1).orElseThrow().name());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateAllSkipConflictsWritesTheFreshRowsAndReportsTheOthers(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    List<Versioned<Customer>> copies = mixedCustomers(customers);
    List<Versioned<Customer>> batch = edited(copies, 6, 5, 1, 4, 2, 3);

    BatchResult<Versioned<Customer>> result = customers.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(
        List.of(new Versioned<>(new Customer(6, "edit6", "6@example.com"), 2),
            new Versioned<>(new Customer(1, "edit1", "1@example.com"), 2),
            new Versioned<>(new Customer(3, "edit3", "3@example.com"), 2)),
        result.updated());
    List<Conflict<Versioned<Customer>>> conflicts = result.conflicts();
    assertEquals(3, conflicts.size(), conflicts.toString());
    assertConflict(conflicts.get(0), 5, Optional.of(3L), batch.get(1));
    assertConflict(conflicts.get(1), 4, Optional.empty(), batch.get(3));
    assertConflict(conflicts.get(2), 2, Optional.of(2L), batch.get(4));
    batch.forEach(v -> assertEquals(1, v.version(), "the Versioned passed in stay as they were"));

    assertEquals(Map.of(1L, 2L, 2L, 2L, 3L, 2L, 5L, 3L, 6L, 2L), rowVersions(dataSource));
    assertEquals(
        List.of("edit1", "theirs2", "edit3", "theirs5 again", "edit6"),
        customers.findAll().stream().map(v -> v.value().getName()).toList());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void deleteAllUnderBothPolicies(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    List<Versioned<Customer>> copies = mixedCustomers(customers);
    List<Versioned<Customer>> batch = List.of(copies.get(0), copies.get(1), copies.get(3), copies.get(5));

    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> customers.deleteAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(Customer.class, e.entityType());
    assertEquals(List.of(2L, 4L), e.conflicts().stream().map(Conflict::id).toList());
    assertSame(batch.get(1), e.conflicts().get(0).target());
    assertEquals(MIXED_VERSIONS, rowVersions(dataSource), "nothing deleted");

    BatchResult<Versioned<Customer>> result = customers.deleteAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(batch.get(0), batch.get(3)), result.deleted());
    assertEquals(List.of(2L, 4L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Optional.of((Object) 2L), result.conflicts().get(0).actualVersion());
    assertTrue(result.conflicts().get(1).deleted());
    assertEquals(Map.of(2L, 2L, 3L, 1L, 5L, 3L), rowVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void anAllFreshBatchUnderEitherPolicyWritesEveryRow(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    List<Versioned<Customer>> copies = mixedCustomers(customers);
    List<Versioned<Customer>> fresh = customers.findAll();

    BatchResult<Versioned<Customer>> first = customers.updateAll(
        fresh.stream().map(v -> v.map(c -> renamed(c, c.getName() + "!"))).toList(), ConflictPolicy.ABORT_ALL);
    assertFalse(first.hasConflicts());
    assertEquals(List.of(2L, 3L, 2L, 4L, 2L), first.updated().stream().map(Versioned::version).toList());
    BatchResult<Versioned<Customer>> second = customers.updateAll(first.updated(), ConflictPolicy.SKIP_CONFLICTS);
    assertFalse(second.hasConflicts());
    assertEquals(Map.of(1L, 3L, 2L, 4L, 3L, 3L, 5L, 5L, 6L, 3L), rowVersions(dataSource));
    assertEquals(6, copies.size());
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ switches

  @EveryDatabase
  void disablingTheCheckForCustomerWritesAStaleVersionedAndStillMovesTheVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> v1 = customers.insert(acme());
    customers.update(v1.map(c -> renamed(c, "theirs")));
    try (var off = OptimisticLocking.disable(Customer.class)) {
      Versioned<Customer> written = customers.update(v1.map(c -> renamed(c, "imported")));
      assertEquals(3, written.version());
    }
    assertEquals(Optional.of(new Row(7, "imported", "ops@acme.example", 3)), row(dataSource, 7));
    assertThrows(RecordModifiedException.class, () -> customers.update(v1), "checked again");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updateUncheckedUpdateWithoutIncrementAndIfUnchangedTakeVersionedToo(TestDatabase db) {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> v1 = customers.insert(acme());
    Versioned<Customer> v2 = customers.update(v1.map(c -> renamed(c, "theirs")));

    // a shadow save keeps the version: the returned Versioned is the one passed in
    Versioned<Customer> shadow = v2.map(c -> renamed(c, "shadow"));
    assertSame(shadow, customers.updateWithoutIncrement(shadow));
    assertEquals(Optional.of(new Row(7, "shadow", "ops@acme.example", 2)), row(dataSource, 7));
    assertThrows(RecordModifiedException.class, () -> customers.updateWithoutIncrement(v1));

    // an unchecked write wins over the stale version and still moves it on
    Versioned<Customer> forced = customers.updateUnchecked(v1.map(c -> renamed(c, "forced")));
    assertEquals(3, forced.version());
    assertEquals(Optional.of(new Row(7, "forced", "ops@acme.example", 3)), row(dataSource, 7));

    // a guarded action runs only while every selected row still has its version
    AtomicInteger runs = new AtomicInteger();
    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> customers.ifUnchanged(List.of(v2), runs::incrementAndGet));
    assertEquals(0, runs.get());
    assertEquals(Customer.class, e.entityType());
    assertSame(v2, e.conflicts().get(0).target());
    assertEquals(1, (int) customers.ifUnchanged(List.of(forced), runs::incrementAndGet));
    assertEquals(0, db.activeConnections());
  }

  /**
   * {@code BatchConflictException.conflicts(Class)} is the typed view of the conflicts. For a
   * {@code @VersionedType} repository, {@code entityType()} is {@code Customer.class} but each
   * target is a {@code Versioned<Customer>}: {@code e.conflicts(Customer.class)} refuses up front
   * (rather than hand out targets that are not customers), and {@code
   * e.conflicts(Versioned.class)} gives them.
   */
  @Test
  void theTypedConflictsOfAVersionedBatchHoldWhatTheirTypeSays() {
    TestDatabase db = TestDatabase.SQLITE;
    CustomerRepository customers = new CustomerRepository(db.fresh("crm_customer"));
    Versioned<Customer> v1 = customers.insert(acme());
    customers.update(v1.map(c -> renamed(c, "theirs")));
    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> customers.updateAll(List.of(v1), ConflictPolicy.ABORT_ALL));
    ClassCastException refused =
        assertThrows(ClassCastException.class, () -> e.conflicts(Customer.class));
    assertTrue(refused.getMessage().contains("held as dev.optilock.runtime.Versioned"),
        refused.getMessage());
    @SuppressWarnings("rawtypes")
    List<Conflict<Versioned>> typed = e.conflicts(Versioned.class);
    assertSame(v1, typed.get(0).target());
    assertEquals(Customer.class, e.entityType());
  }

  /**
   * The web layer's 409 answer, {@code HttpConflict.of(e, type)}, for a conflict of a {@code
   * @VersionedType} repository: {@code HttpConflict.of(e, Versioned.class)}, whose current row's
   * ETag comes from its version.
   */
  @Test
  void aConflictOfAVersionedRepositoryCanBeAnsweredWithHttpConflict() {
    TestDatabase db = TestDatabase.SQLITE;
    CustomerRepository customers = new CustomerRepository(db.fresh("crm_customer"));
    Versioned<Customer> v1 = customers.insert(acme());
    Versioned<Customer> v2 = customers.update(v1.map(c -> renamed(c, "theirs")));
    Versioned<Customer> stale = v1.map(c -> renamed(c, "mine"));
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> customers.update(stale));
    @SuppressWarnings("rawtypes")
    HttpConflict<Versioned> conflict = HttpConflict.of(e, Versioned.class);
    assertSame(stale, conflict.rejected());
    assertEquals(Optional.of(v2), conflict.current());
    assertEquals(Optional.of(EntityTag.ofVersion(2L)),
        conflict.currentETag(v -> EntityTag.ofVersion(v.version())));
    assertThrows(ClassCastException.class, () -> HttpConflict.of(e, String.class));
  }

  // ------------------------------------------------------------------------------ schema

  @EveryDatabase
  void createTableSqlCreatesAWorkingTableWithTheRowVersionColumn(TestDatabase db) throws SQLException {
    DataSource dataSource = db.pool();
    Dialect dialect = Dialect.valueOf(db.name());
    String ddl = CustomerRepository.createTableSql(dialect);
    assertTrue(ddl.contains("row_version"), ddl);
    assertTrue(ddl.contains(dialect == Dialect.MARIADB ? "`crm_customer`" : "\"crm_customer\""), ddl);
    otherClient(dataSource, "DROP TABLE IF EXISTS crm_customer");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    }
    CustomerRepository customers = new CustomerRepository(dataSource);
    customers.createTable(); // IF NOT EXISTS: a no-op now
    Versioned<Customer> v1 = customers.insert(acme());
    Versioned<Customer> v2 = customers.update(v1.map(c -> renamed(c, "ACME Corp")));
    assertThrows(RecordModifiedException.class, () -> customers.update(v1));
    assertEquals(Optional.of(new Row(7, "ACME Corp", "ops@acme.example", 2)), row(dataSource, 7));
    assertEquals(2, v2.version());
    // the key is a primary key: a second insert of id 7 fails and leaves the row alone
    assertThrows(RuntimeException.class, () -> customers.insert(acme()));
    assertEquals(Map.of(7L, 2L), rowVersions(dataSource));

    // and the instance method creates it from nothing on the detected database
    otherClient(dataSource, "DROP TABLE crm_customer");
    customers.createTable();
    assertEquals(Map.of(), rowVersions(dataSource));
    assertEquals(1, customers.insert(acme()).version());
    assertEquals(Map.of(7L, 1L), rowVersions(dataSource));
    AddressRepository addresses = new AddressRepository(dataSource);
    otherClient(dataSource, "DROP TABLE IF EXISTS address");
    addresses.createTable();
    addresses.insert(new Address(7, "home", "1 Main St", "Springfield"));
    assertEquals(Map.of("7/home", 1L), addressVersions(dataSource));
    otherClient(dataSource, "DROP TABLE address");
    otherClient(dataSource, "DROP TABLE crm_customer");
    assertEquals(0, db.activeConnections());
  }

  // ------------------------------------------------------------------------------ Address: a record with a composite key

  private static final Address HOME = new Address(1, "home", "1 Main St", "Springfield");
  private static final Address WORK = new Address(1, "work", "2 Mill Rd", "Shelbyville");
  private static final Address OTHER = new Address(2, "home", "3 Elm St", "Ogdenville");

  @EveryDatabase
  void aRecordWithACompositeKeyIsFoundByBothPartsAndUpdated(TestDatabase db) {
    DataSource dataSource = db.fresh("address");
    AddressRepository addresses = new AddressRepository(dataSource);
    Versioned<Address> home = addresses.insert(HOME);
    addresses.insert(OTHER);
    addresses.insert(Versioned.unsaved(WORK));
    assertEquals(new Versioned<>(HOME, 1), home);
    assertEquals(Map.of("1/home", 1L, "1/work", 1L, "2/home", 1L), addressVersions(dataSource));

    assertEquals(Optional.of(new Versioned<>(WORK, 1)), addresses.findById(1, "work"));
    assertEquals(Optional.empty(), addresses.findById(2, "work"));
    assertEquals(
        List.of(new Versioned<>(HOME, 1), new Versioned<>(WORK, 1), new Versioned<>(OTHER, 1)),
        addresses.findAll());

    Address moved = new Address(1, "home", "9 New Rd", "Springfield");
    Versioned<Address> updated = addresses.update(home.withValue(moved));
    assertEquals(new Versioned<>(moved, 2), updated);
    assertEquals(Optional.of(updated), addresses.findById(1, "home"));
    assertEquals(Optional.of(new Versioned<>(WORK, 1)), addresses.findById(1, "work"), "only that row");
    assertEquals(Optional.of(updated), addresses.findByIdAndVersion(1, "home", 2));
    assertEquals(Optional.empty(), addresses.findByIdAndVersion(1, "home", 1));
    assertTrue(addresses.isChanged(home));
    assertFalse(addresses.isChanged(updated));
    assertEquals(Map.of("1/home", 2L, "1/work", 1L, "2/home", 1L), addressVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aConflictOnARecordWithACompositeKeyNamesBothParts(TestDatabase db) {
    DataSource dataSource = db.fresh("address");
    AddressRepository addresses = new AddressRepository(dataSource);
    Versioned<Address> home = addresses.insert(HOME);
    addresses.insert(WORK);
    Versioned<Address> theirs = addresses.update(home.map(a -> new Address(1, "home", "theirs", a.city())));

    Versioned<Address> mine = home.map(a -> new Address(1, "home", "mine", a.city()));
    RecordModifiedException e = assertThrows(RecordModifiedException.class, () -> addresses.update(mine));
    assertEquals("Address[customerId=1, label=home] was modified concurrently: expected version 1, found 2",
        e.getMessage());
    assertEquals(Address.class, e.entityType());
    CompositeKey key = assertInstanceOf(CompositeKey.class, e.id());
    assertEquals(List.of("customerId", "label"), key.names());
    assertEquals(List.of(1L, "home"), key.values());
    assertEquals(1L, key.get("customerId"));
    assertSame(mine, e.target());
    assertEquals(Optional.of(theirs), e.current());
    assertEquals(1, mine.version());

    addresses.delete(theirs);
    RecordModifiedException gone = assertThrows(RecordModifiedException.class, () -> addresses.delete(theirs));
    assertEquals("Address[customerId=1, label=home] was deleted: expected version 2, found no row",
        gone.getMessage());
    assertEquals(Map.of("1/work", 1L), addressVersions(dataSource), "the other address of customer 1 stays");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void batchesAndModifyOnACompositeKey(TestDatabase db) {
    DataSource dataSource = db.fresh("address");
    AddressRepository addresses = new AddressRepository(dataSource);
    Versioned<Address> home = addresses.insert(HOME);
    Versioned<Address> work = addresses.insert(WORK);
    Versioned<Address> other = addresses.insert(OTHER);
    otherClient(dataSource,
        "UPDATE address SET city = 'raw', version = version + 1 WHERE customer_id = 1 AND label = 'work'");

    List<Versioned<Address>> batch = List.of(
        home.map(a -> new Address(1, "home", "batch", a.city())),
        work.map(a -> new Address(1, "work", "batch", a.city())),
        other.map(a -> new Address(2, "home", "batch", a.city())));
    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> addresses.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(Address.class, e.entityType());
    assertEquals(1, e.conflicts().size());
    assertEquals(CompositeKey.of(List.of("customerId", "label"), 1L, "work"), e.conflicts().get(0).id());
    assertSame(batch.get(1), e.conflicts().get(0).target());
    assertTrue(e.getMessage().contains("Address[customerId=1, label=work] expected version 1, found 2"),
        e.getMessage());
    assertEquals(Map.of("1/home", 1L, "1/work", 2L, "2/home", 1L), addressVersions(dataSource));

    BatchResult<Versioned<Address>> result = addresses.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(new Versioned<>(new Address(1, "home", "batch", "Springfield"), 2),
        new Versioned<>(new Address(2, "home", "batch", "Ogdenville"), 2)), result.updated());
    assertEquals(List.of(CompositeKey.of(List.of("customerId", "label"), 1L, "work")),
        result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Map.of("1/home", 2L, "1/work", 2L, "2/home", 2L), addressVersions(dataSource));

    List<Versioned<Address>> seen = new ArrayList<>();
    Versioned<Address> modified = addresses.modify(1, "work", v -> {
      seen.add(v);
      if (seen.size() == 1) {
        addresses.update(v.map(a -> new Address(1, "work", "concurrent", a.city())));
      }
      return v.map(a -> new Address(a.customerId(), a.label(), a.street() + "!", a.city()));
    }, RetryPolicy.attempts(3));
    assertEquals(2, seen.size());
    assertEquals(new Versioned<>(new Address(1, "work", "concurrent!", "raw"), 4), modified);

    BatchResult<Versioned<Address>> deleted =
        addresses.deleteAll(List.of(modified, other), ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(modified), deleted.deleted());
    assertEquals(List.of(CompositeKey.of(List.of("customerId", "label"), 2L, "home")),
        deleted.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Map.of("1/home", 2L, "2/home", 2L), addressVersions(dataSource));
    assertEquals(0, db.activeConnections());
  }
}
