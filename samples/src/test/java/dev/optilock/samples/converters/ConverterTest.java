package dev.optilock.samples.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code @Convert} end to end on every database: what the column holds (read with plain JDBC), what
 * comes back, NULL handling, compare-and-set updates and batches, conditional versions and the
 * generated schema.
 */
class ConverterTest {

  private static final Money EUR_12_50 = Money.of("12.50", "EUR");
  private static final Money EUR_15_00 = Money.of("15.00", "EUR");
  private static final Money USD_9_99 = Money.of("9.99", "USD");

  // ---- Money as text: Product ----

  @EveryDatabase
  void aMoneyValueIsStoredAsItsTextAndReadBack(TestDatabase db) throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    Product stored = products.insert(new Product(1, "Kettle", EUR_12_50, 0));
    assertEquals(new Product(1, "Kettle", EUR_12_50, 1), stored);
    products.insert(new Product(2, "Toaster", USD_9_99, 0));

    assertEquals("EUR 12.50", text(db, "SELECT price FROM product WHERE id = 1"));
    assertEquals("USD 9.99", text(db, "SELECT price FROM product WHERE id = 2"));
    assertEquals(Optional.of(stored), products.findById(1));
    assertEquals(
        List.of(stored, new Product(2, "Toaster", USD_9_99, 1)), products.findAll());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aRowWrittenWithPlainSqlIsReadThroughTheConverter(TestDatabase db) throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    execute(db, "INSERT INTO product (id, name, price, version) VALUES (5, 'Mug', 'CHF 4.20', 3)");
    Product mug = products.findById(5).orElseThrow();
    assertEquals(new Money(new BigDecimal("4.20"), "CHF"), mug.price());
    assertEquals(3, mug.version());
  }

  @EveryDatabase
  void aNullMoneyIsSqlNullAndReadsBackAsNull(TestDatabase db) throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    products.insert(new Product(1, "Free sample", null, 0));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM product WHERE id = 1 AND price IS NULL"));
    assertNull(products.findById(1).orElseThrow().price());
    assertEquals(List.of(new Product(1, "Free sample", null, 1)), products.findAll());

    Product priced = products.update(products.findById(1).orElseThrow().withPrice(EUR_12_50));
    assertEquals("EUR 12.50", text(db, "SELECT price FROM product WHERE id = 1"));
    products.update(priced.withPrice(null));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM product WHERE id = 1 AND price IS NULL"));
    assertEquals(Optional.of(new Product(1, "Free sample", null, 3)), products.findById(1));
  }

  @EveryDatabase
  void aNewPriceIsWrittenAndAStaleCopyIsRefused(TestDatabase db) throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    products.insert(new Product(1, "Kettle", EUR_12_50, 0));
    Product alices = products.findById(1).orElseThrow();
    Product bobs = products.findById(1).orElseThrow();

    Product saved = products.update(alices.withPrice(EUR_15_00));
    assertEquals(2, saved.version());
    assertEquals("EUR 15.00", text(db, "SELECT price FROM product WHERE id = 1"));

    Product stale = bobs.withPrice(USD_9_99);
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> products.update(stale));
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertSame(stale, e.target());
    assertEquals(Optional.of(new Product(1, "Kettle", EUR_15_00, 2)), e.current());
    assertEquals("EUR 15.00", text(db, "SELECT price FROM product WHERE id = 1"),
        "the row keeps the first writer's price");
    assertEquals(Optional.of(saved), products.findById(1));
    assertEquals(Optional.empty(), products.tryUpdate(stale));
  }

  @EveryDatabase
  void findByIdAndVersionReadsTheConvertedValueOfThatVersionOnly(TestDatabase db) {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    Product v1 = products.insert(new Product(1, "Kettle", EUR_12_50, 0));
    assertEquals(Optional.of(v1), products.findByIdAndVersion(1, 1));
    Product v2 = products.update(v1.withPrice(EUR_15_00));
    assertEquals(Optional.empty(), products.findByIdAndVersion(1, 1));
    assertEquals(Optional.of(v2), products.findByIdAndVersion(1, 2));
    assertEquals(EUR_15_00, products.findByIdAndVersion(1, 2).orElseThrow().price());
  }

  @EveryDatabase
  void updateAllConvertsEveryRow(TestDatabase db) throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    List<Product> v1 = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      v1.add(products.insert(new Product(id, "p" + id, Money.of(id + ".00", "EUR"), 0)));
    }

    List<Product> repriced = List.of(
        v1.get(0).withPrice(Money.of("1.50", "EUR")),
        v1.get(1).withPrice(null),
        v1.get(2).withPrice(Money.of("3.75", "GBP")));
    BatchResult<Product> result = products.updateAll(repriced, ConflictPolicy.ABORT_ALL);
    assertEquals(List.of(), result.conflicts());
    assertEquals(3, result.updated().size());
    assertEquals(Money.of("3.75", "GBP"), result.updated().get(2).price());
    assertEquals(2, result.updated().get(2).version());
    assertEquals("EUR 1.50", text(db, "SELECT price FROM product WHERE id = 1"));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM product WHERE id = 2 AND price IS NULL"));
    assertEquals("GBP 3.75", text(db, "SELECT price FROM product WHERE id = 3"));
    assertEquals(result.updated(), products.findAll());

    // v1.get(0) is stale now: ABORT_ALL writes nothing, SKIP_CONFLICTS writes the others
    List<Product> mixed = List.of(
        v1.get(0).withPrice(USD_9_99),
        result.updated().get(1).withPrice(EUR_12_50),
        result.updated().get(2).withPrice(EUR_15_00));
    BatchConflictException aborted = assertThrows(
        BatchConflictException.class, () -> products.updateAll(mixed, ConflictPolicy.ABORT_ALL));
    assertEquals(1, aborted.conflicts().size());
    assertEquals(result.updated(), products.findAll(), "ABORT_ALL wrote nothing");

    BatchResult<Product> skipped = products.updateAll(mixed, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(1, skipped.conflicts().size());
    assertEquals(1L, skipped.conflicts().get(0).id());
    assertEquals(2, skipped.updated().size());
    assertEquals("EUR 1.50", text(db, "SELECT price FROM product WHERE id = 1"),
        "the conflicting row keeps its price");
    assertEquals("EUR 12.50", text(db, "SELECT price FROM product WHERE id = 2"));
    assertEquals("EUR 15.00", text(db, "SELECT price FROM product WHERE id = 3"));
  }

  @EveryDatabase
  void modifyAppliesAChangeToTheConvertedValueOnTheCurrentRow(TestDatabase db) {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    products.insert(new Product(1, "Kettle", EUR_12_50, 0));
    Product doubled = products.modify(1, p -> p.withPrice(
        new Money(p.price().amount().multiply(BigDecimal.valueOf(2)), p.price().currency())));
    assertEquals(Money.of("25.00", "EUR"), doubled.price());
    assertEquals(Optional.of(doubled), products.findById(1));
  }

  @EveryDatabase
  void aValueTheConverterCannotReadFailsWithTheConvertersException(TestDatabase db)
      throws SQLException {
    ProductRepository products = new ProductRepository(db.fresh("product"));
    execute(db, "INSERT INTO product (id, name, price, version) VALUES (1, 'Broken', 'twelve', 1)");
    assertThrows(NumberFormatException.class, () -> products.findById(1));
    assertEquals(0, db.activeConnections());
  }

  // ---- the converter is never called with null, and is created once ----

  @EveryDatabase
  void theConverterIsNeverCalledWithNull(TestDatabase db) throws SQLException {
    OfferRepository offers = new OfferRepository(db.fresh("offer"));
    CheckedMoneyConverter.resetCalls();

    Offer none = offers.insert(new Offer(1, null, 0));
    offers.insert(new Offer(2, null, 0));
    assertEquals(2, count(db, "SELECT COUNT(*) FROM offer WHERE price IS NULL"));
    assertNull(offers.findById(1).orElseThrow().price());
    assertEquals(List.of(new Offer(1, null, 1), new Offer(2, null, 1)), offers.findAll());
    offers.update(none);
    offers.updateAll(List.of(offers.findById(2).orElseThrow()), ConflictPolicy.ABORT_ALL);
    assertThrows(RecordModifiedException.class, () -> offers.update(none));
    assertEquals(0, CheckedMoneyConverter.TO_COLUMN.get(), "toColumn calls");
    assertEquals(0, CheckedMoneyConverter.FROM_COLUMN.get(), "fromColumn calls");

    Offer priced = offers.update(offers.findById(1).orElseThrow().withPrice(EUR_12_50));
    assertEquals(1, CheckedMoneyConverter.TO_COLUMN.get(), "one toColumn for one non-null value");
    assertEquals(EUR_12_50, offers.findById(1).orElseThrow().price());
    assertEquals(1, CheckedMoneyConverter.FROM_COLUMN.get(), "one fromColumn for one non-null value");
    offers.update(priced.withPrice(null));
    assertEquals(1, CheckedMoneyConverter.TO_COLUMN.get());
    assertEquals(1, count(db, "SELECT COUNT(*) FROM offer WHERE id = 1 AND price IS NULL"));
  }

  @Test
  void everyRepositoryInstanceSharesOneConverterInstance() {
    new OfferRepository(TestDatabase.SQLITE.pool());
    new OfferRepository(TestDatabase.SQLITE.pool());
    new OfferRepository(TestDatabase.SQLITE.pool()).findAll();
    assertEquals(1, CheckedMoneyConverter.INSTANCES.get());
  }

  @EveryDatabase
  void aConverterThatThrowsInABatchWritesNothing(TestDatabase db) throws SQLException {
    OfferRepository offers = new OfferRepository(db.fresh("offer"));
    Offer first = offers.insert(new Offer(1, EUR_12_50, 0));
    Offer second = offers.insert(new Offer(2, EUR_12_50, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> offers.updateAll(
            List.of(first.withPrice(EUR_15_00), second.withPrice(Money.of("1", "XXX"))),
            ConflictPolicy.SKIP_CONFLICTS));
    assertEquals("XXX is not a currency", e.getMessage());
    assertEquals(List.of(first, second), offers.findAll(), "nothing written");
    assertEquals(0, db.activeConnections());
    assertEquals(2, offers.update(first.withPrice(EUR_15_00)).version(), "the table is not locked");
  }

  @EveryDatabase
  void aConverterThatThrowsInsideATransactionLeavesTheCallersRowsToTheCaller(TestDatabase db) {
    DataSource pool = db.fresh("offer");
    OfferRepository offers = new OfferRepository(pool);
    assertThrows(IllegalArgumentException.class, () -> Transactions.run(pool, () -> {
      offers.insert(new Offer(1, EUR_12_50, 0));
      offers.insert(new Offer(2, Money.of("1", "XXX"), 0));
    }));
    assertEquals(List.of(), offers.findAll(), "the transaction rolled back");
    assertEquals(0, db.activeConnections());
  }

  // ---- Money as a number of cents: Payment ----

  @EveryDatabase
  void moneyStoredAsCentsInABigintColumn(TestDatabase db) throws SQLException {
    PaymentRepository payments = new PaymentRepository(db.fresh("payment"));
    Payment stored = payments.insert(new Payment(1, "alice", EUR_12_50, 0));
    payments.insert(new Payment(2, "bob", null, 0));

    assertEquals(1250L, number(db, "SELECT amount_cents FROM payment WHERE id = 1"));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM payment WHERE id = 2 AND amount_cents IS NULL"));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM payment WHERE amount_cents > 1000"),
        "a number column compares as a number");
    assertEquals(Optional.of(stored), payments.findById(1));
    assertNull(payments.findById(2).orElseThrow().amount());

    Payment alices = payments.findById(1).orElseThrow();
    Payment raised = payments.update(alices.withAmount(Money.of("1000000.01", "EUR")));
    assertEquals(2, raised.version());
    assertEquals(100000001L, number(db, "SELECT amount_cents FROM payment WHERE id = 1"));
    assertThrows(RecordModifiedException.class, () -> payments.update(alices.withAmount(EUR_15_00)));
    assertEquals(Optional.of(raised), payments.findById(1));
  }

  @EveryDatabase
  void aValueTheConverterRefusesIsNotWritten(TestDatabase db) {
    PaymentRepository payments = new PaymentRepository(db.fresh("payment"));
    assertThrows(IllegalArgumentException.class,
        () -> payments.insert(new Payment(1, "carol", USD_9_99, 0)));
    assertEquals(List.of(), payments.findAll());
    assertEquals(0, db.activeConnections());
  }

  // ---- a Map as a JSON text: Listing ----

  @EveryDatabase
  void aMapIsStoredAsJsonText(TestDatabase db) throws SQLException {
    ListingRepository listings = new ListingRepository(db.fresh("listing"));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("color", "red");
    attributes.put("size", "M");
    Listing shirt = listings.insert(new Listing(1, "Shirt", attributes, 0));
    listings.insert(new Listing(2, "Empty", Map.of(), 0));
    listings.insert(new Listing(3, "Unknown", null, 0));

    assertEquals("{\"color\":\"red\",\"size\":\"M\"}",
        text(db, "SELECT attributes FROM listing WHERE id = 1"));
    assertEquals("{}", text(db, "SELECT attributes FROM listing WHERE id = 2"));
    assertEquals(1, count(db, "SELECT COUNT(*) FROM listing WHERE id = 3 AND attributes IS NULL"));
    assertEquals(Optional.of(shirt), listings.findById(1));
    assertEquals(List.of("color", "size"),
        List.copyOf(listings.findById(1).orElseThrow().attributes().keySet()), "order kept");
    assertEquals(Map.of(), listings.findById(2).orElseThrow().attributes());
    assertNull(listings.findById(3).orElseThrow().attributes());

    Map<String, String> awkward = new LinkedHashMap<>();
    awkward.put("quote \" and \\ backslash", "line\nbreak, tab\t, é, 😀");
    Listing v2 = listings.update(shirt.withAttributes(awkward));
    assertEquals(Optional.of(v2), listings.findById(1));
    assertThrows(RecordModifiedException.class, () -> listings.update(shirt.withAttributes(Map.of())));
    assertEquals(awkward, listings.findById(1).orElseThrow().attributes());
  }

  // ---- UUID and enum columns: Shipment ----

  @EveryDatabase
  void valueObjectsStoredAsUuidAndEnum(TestDatabase db) throws SQLException {
    ShipmentRepository shipments = new ShipmentRepository(db.fresh("shipment"));
    CustomerId customer = new CustomerId(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    Shipment v1 = shipments.insert(new Shipment(1, customer, new Priority(3), 0));
    shipments.insert(new Shipment(2, null, null, 0));

    assertEquals("HIGH", text(db, "SELECT priority FROM shipment WHERE id = 1"));
    assertEquals(customer.value().toString(), text(db, "SELECT customer FROM shipment WHERE id = 1"));
    if (db == TestDatabase.POSTGRESQL) {
      assertEquals(customer.value(), object(db, "SELECT customer FROM shipment WHERE id = 1"),
          "a native uuid on PostgreSQL");
    }
    assertEquals(1, count(db,
        "SELECT COUNT(*) FROM shipment WHERE id = 2 AND customer IS NULL AND priority IS NULL"));
    assertEquals(List.of(v1, new Shipment(2, null, null, 1)), shipments.findAll());

    Shipment v2 = shipments.update(v1.withPriority(new Priority(1)));
    assertEquals("LOW", text(db, "SELECT priority FROM shipment WHERE id = 1"));
    RecordModifiedException e = assertThrows(RecordModifiedException.class,
        () -> shipments.update(v1.withPriority(new Priority(2))));
    assertEquals(Optional.of(v2), e.current());
    assertEquals("LOW", text(db, "SELECT priority FROM shipment WHERE id = 1"));
  }

  // ---- a class entity: Subscription ----

  @EveryDatabase
  void aClassEntityReadsAndSetsConvertedFieldsThroughItsAccessors(TestDatabase db)
      throws SQLException {
    SubscriptionRepository subscriptions = new SubscriptionRepository(db.fresh("subscription"));
    Subscription monthly = new Subscription(1, Money.of("9.99", "EUR"), Period.ofMonths(1));
    assertSame(monthly, subscriptions.insert(monthly));
    assertEquals(1, monthly.getVersion());
    assertEquals("EUR 9.99", text(db, "SELECT fee FROM subscription WHERE id = 1"));
    assertEquals("P1M", text(db, "SELECT billing_period FROM subscription WHERE id = 1"));

    Subscription alices = subscriptions.findById(1).orElseThrow();
    Subscription bobs = subscriptions.findById(1).orElseThrow();
    assertEquals(Money.of("9.99", "EUR"), alices.getFee());
    assertEquals(Period.ofMonths(1), alices.getBillingPeriod());

    alices.setFee(Money.of("99.00", "EUR"));
    alices.setBillingPeriod(Period.ofYears(1));
    assertSame(alices, subscriptions.update(alices));
    assertEquals(2, alices.getVersion());
    assertEquals("P1Y", text(db, "SELECT billing_period FROM subscription WHERE id = 1"));

    bobs.setFee(null);
    assertThrows(RecordModifiedException.class, () -> subscriptions.update(bobs));
    assertEquals(1, bobs.getVersion(), "a failed update leaves the object as it was");
    assertNull(bobs.getFee());
    Subscription stored = subscriptions.findById(1).orElseThrow();
    assertEquals(Money.of("99.00", "EUR"), stored.getFee());
    assertEquals(Period.ofYears(1), stored.getBillingPeriod());

    Subscription empty = subscriptions.insert(new Subscription(2, null, null));
    assertEquals(1, count(db,
        "SELECT COUNT(*) FROM subscription WHERE id = 2 AND fee IS NULL AND billing_period IS NULL"));
    Subscription read = subscriptions.findById(empty.getId()).orElseThrow();
    assertNull(read.getFee());
    assertNull(read.getBillingPeriod());
  }

  // ---- a conditional version on a converted field: PricedItem ----

  @EveryDatabase
  void onlyANewConvertedPriceMovesAConditionalVersion(TestDatabase db) throws SQLException {
    PricedItemRepository items = new PricedItemRepository(db.fresh("priced_item"));
    PricedItem v1 = items.insert(new PricedItem(1, "first", EUR_12_50, 0));

    PricedItem noted = items.update(v1.with("second", EUR_12_50));
    assertEquals(1, noted.version(), "a new note alone keeps the version");
    PricedItem samePrice = items.update(noted.with("third", Money.of("12.50", "EUR")));
    assertEquals(1, samePrice.version(),
        "an equal price in a new Money instance converts to the same text: no change");
    assertEquals(Optional.of(new PricedItem(1, "third", EUR_12_50, 1)), items.findById(1));

    PricedItem repriced = items.update(samePrice.with("third", EUR_15_00));
    assertEquals(2, repriced.version(), "a new price moves the version");
    assertEquals("EUR 15.00", text(db, "SELECT price FROM priced_item WHERE id = 1"));
    assertEquals(2, number(db, "SELECT version FROM priced_item WHERE id = 1"));

    assertThrows(RecordModifiedException.class, () -> items.update(v1.with("stale note", EUR_12_50)),
        "a copy older than the price change is refused, even for a note");
    assertEquals(Optional.of(new PricedItem(1, "third", EUR_15_00, 2)), items.findById(1));
  }

  @EveryDatabase
  void nullsOfAConvertedCheckedFieldCountAsValues(TestDatabase db) {
    PricedItemRepository items = new PricedItemRepository(db.fresh("priced_item"));
    PricedItem v1 = items.insert(new PricedItem(1, "n", null, 0));
    assertEquals(1, items.update(v1.with("n2", null)).version(), "null to null is no change");
    PricedItem v2 = items.update(items.findById(1).orElseThrow().with("n2", EUR_12_50));
    assertEquals(2, v2.version(), "null to a price is a change");
    PricedItem v3 = items.update(v2.with("n2", null));
    assertEquals(3, v3.version(), "a price to null is a change");
    assertEquals(Optional.of(v3), items.findById(1));
  }

  // ---- a primitive field through a converter of its box: Account ----

  @EveryDatabase
  void aPrimitiveFieldGoesThroughAConverterOfItsBox(TestDatabase db) throws SQLException {
    AccountRepository accounts = new AccountRepository(db.fresh("account"));
    Account on = accounts.insert(new Account(1, "alice", true, 0));
    Account off = accounts.insert(new Account(2, "bob", false, 0));
    assertEquals("Y", text(db, "SELECT active FROM account WHERE id = 1"));
    assertEquals("N", text(db, "SELECT active FROM account WHERE id = 2"));
    assertEquals(List.of(on, off), accounts.findAll());
    Account closed = accounts.update(new Account(1, "alice", false, on.version()));
    assertEquals("N", text(db, "SELECT active FROM account WHERE id = 1"));
    assertEquals(Optional.of(closed), accounts.findById(1));
  }

  // ---- the generated schema ----

  @Test
  void theGeneratedSchemaUsesTheConvertersColumnType() {
    assertColumn(ProductRepository.createTableSql(Dialect.SQLITE), "\"price\" TEXT,");
    assertColumn(ProductRepository.createTableSql(Dialect.POSTGRESQL), "\"price\" TEXT,");
    assertColumn(ProductRepository.createTableSql(Dialect.MARIADB), "`price` TEXT,");
    assertColumn(PaymentRepository.createTableSql(Dialect.SQLITE), "\"amount_cents\" INTEGER,");
    assertColumn(PaymentRepository.createTableSql(Dialect.POSTGRESQL), "\"amount_cents\" BIGINT,");
    assertColumn(PaymentRepository.createTableSql(Dialect.MARIADB), "`amount_cents` BIGINT,");
    assertColumn(ShipmentRepository.createTableSql(Dialect.POSTGRESQL), "\"customer\" UUID,");
    assertColumn(ShipmentRepository.createTableSql(Dialect.MARIADB), "`customer` CHAR(36),");
    assertColumn(ShipmentRepository.createTableSql(Dialect.MARIADB), "`priority` VARCHAR(64),");
    assertColumn(AccountRepository.createTableSql(Dialect.POSTGRESQL), "\"active\" TEXT NOT NULL,");
  }

  private static void assertColumn(String ddl, String column) {
    assertTrue(ddl.contains("\n  " + column + "\n"), () -> "expected " + column + " in\n" + ddl);
  }

  @EveryDatabase
  void theGeneratedSchemaStoresConvertedColumns(TestDatabase db) throws SQLException {
    DataSource pool = db.fresh("product", "payment", "shipment");
    execute(db, "DROP TABLE product");
    execute(db, "DROP TABLE payment");
    execute(db, "DROP TABLE shipment");
    ProductRepository products = new ProductRepository(pool);
    PaymentRepository payments = new PaymentRepository(pool);
    ShipmentRepository shipments = new ShipmentRepository(pool);
    products.createTable();
    payments.createTable();
    shipments.createTable();

    Product kettle = products.insert(new Product(1, "Kettle", EUR_12_50, 0));
    Payment paid = payments.insert(new Payment(1, "alice", EUR_12_50, 0));
    Payment unpaid = payments.insert(new Payment(2, "bob", null, 0));
    Shipment shipment = shipments.insert(new Shipment(1, new CustomerId(UUID.randomUUID()),
        new Priority(2), 0));
    assertEquals(Optional.of(kettle), products.findById(1));
    assertEquals(List.of(paid, unpaid), payments.findAll());
    assertEquals(Optional.of(shipment), shipments.findById(1));
    assertEquals("EUR 12.50", text(db, "SELECT price FROM product WHERE id = 1"));
    assertEquals(1250L, number(db, "SELECT amount_cents FROM payment WHERE id = 1"));
    assertEquals("NORMAL", text(db, "SELECT priority FROM shipment WHERE id = 1"));
    assertEquals(2, products.update(kettle.withPrice(EUR_15_00)).version());
    assertEquals(2, payments.update(paid.withAmount(EUR_15_00)).version());
    assertEquals(1500L, number(db, "SELECT amount_cents FROM payment WHERE id = 1"));
  }

  // ---- plain JDBC ----

  private static String text(TestDatabase db, String sql) throws SQLException {
    Object value = object(db, sql);
    return value == null ? null : value.toString();
  }

  private static long number(TestDatabase db, String sql) throws SQLException {
    try (Connection connection = db.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      assertTrue(resultSet.next(), "no row for " + sql);
      long value = resultSet.getLong(1);
      assertFalse(resultSet.wasNull(), "NULL for " + sql);
      return value;
    }
  }

  private static int count(TestDatabase db, String sql) throws SQLException {
    return (int) number(db, sql);
  }

  private static Object object(TestDatabase db, String sql) throws SQLException {
    try (Connection connection = db.pool().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet resultSet = statement.executeQuery()) {
      assertTrue(resultSet.next(), "no row for " + sql);
      Object value = resultSet.getObject(1);
      assertFalse(resultSet.next(), "more than one row for " + sql);
      return value;
    }
  }

  private static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection connection = db.pool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
