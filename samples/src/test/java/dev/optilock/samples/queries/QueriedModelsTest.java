package dev.optilock.samples.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.crm.Customer;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Versioned;
import dev.optilock.samples.converters.Account;
import dev.optilock.samples.converters.AccountRepository;
import dev.optilock.samples.modelling.Invoice;
import dev.optilock.samples.modelling.InvoiceRepository;
import dev.optilock.samples.modelling.OrderLine;
import dev.optilock.samples.modelling.OrderLineRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import dev.optilock.samples.thirdparty.CustomerRepository;
import java.util.List;

/**
 * Queries of the other shapes of entity, end to end on every database: a converted property, a
 * composite key, a key and version inherited from a superclass, and a class made versioned by
 * {@code @VersionedType}. What a query returns can be updated under the compare-and-set check.
 */
class QueriedModelsTest {

  @EveryDatabase
  void convertedProperty(TestDatabase db) {
    AccountQueries accounts = new AccountRepository(db.fresh("account"));
    AccountRepository repository = (AccountRepository) accounts;
    repository.insert(new Account(1, "zoe", true, 0));
    repository.insert(new Account(2, "adam", true, 0));
    repository.insert(new Account(3, "bea", false, 0));
    // the parameter goes through the converter ('Y'/'N'), as the column stores it
    assertEquals(List.of(2L, 1L), accounts.findByActiveOrderByOwner(true).stream().map(Account::id).toList());
    assertEquals(List.of(3L), accounts.findByActiveIn(List.of(false)).stream().map(Account::id).toList());
    assertEquals(List.of(3L), accounts.activeAgain(false).stream().map(Account::id).toList());
  }

  @EveryDatabase
  void compositeKey(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    lines.insert(new OrderLine(1, 1, "pen", 2, 0));
    lines.insert(new OrderLine(1, 2, "ink", 5, 0));
    lines.insert(new OrderLine(2, 1, "pen", 9, 0));
    LineQueries queries = lines;
    assertEquals(List.of(2, 1), queries.findByOrderIdOrderByLineNoDesc(1).stream().map(OrderLine::lineNo).toList());
    List<OrderLine> big = queries.findByOrderIdAndQuantityGreaterThan(1, 3);
    assertEquals(1, big.size());
    assertEquals(2, big.get(0).lineNo());
    List<OrderLine> pens = queries.withProduct("pen");
    assertEquals(List.of(1L, 2L), pens.stream().map(OrderLine::orderId).toList());
    OrderLine updated = lines.update(pens.get(1).withQuantity(10));
    assertEquals(2, updated.version());
    assertThrows(RecordModifiedException.class, () -> lines.update(pens.get(1).withQuantity(11)));
  }

  @EveryDatabase
  void inheritedKeyAndVersion(TestDatabase db) {
    InvoiceRepository invoices = new InvoiceRepository(db.fresh("invoice"));
    invoices.insert(new Invoice(1, "ann", "Acme"));
    invoices.insert(new Invoice(2, "ann", "Zenith"));
    invoices.insert(new Invoice(3, "bob", "Acorn"));
    InvoiceQueries queries = invoices;
    List<Invoice> ann = queries.findByCreatedByOrderByCustomerDesc("ann");
    assertEquals(List.of("Zenith", "Acme"), ann.stream().map(Invoice::getCustomer).toList());
    assertEquals(1, ann.get(0).getVersion());
    assertEquals(2, queries.countByCustomerStartingWith("Ac"));
  }

  @EveryDatabase
  void versionedType(TestDatabase db) {
    CustomerRepository customers = new CustomerRepository(db.fresh("crm_customer"));
    customers.insert(new Customer(1, "Ann", "b@example.com"));
    customers.insert(new Customer(2, "Ann", "a@example.com"));
    Versioned<Customer> bob = customers.insert(new Customer(3, "Bob", "bob@example.com"));
    customers.update(bob.withValue(new Customer(3, "Bob", "robert@example.com")));
    CustomerQueries queries = customers;
    assertEquals(List.of(2L, 1L),
        queries.findByNameOrderByEmail("Ann").stream().map(v -> v.value().getId()).toList());
    Versioned<Customer> robert = queries.findByEmail("robert@example.com").orElseThrow();
    assertEquals(2, robert.version());
    assertEquals(List.of(3L), queries.findByVersionGreaterThan(1).stream().map(v -> v.value().getId()).toList());
    assertTrue(queries.findByEmail("bob@example.com").isEmpty());
    assertEquals(3, customers.update(robert.withValue(new Customer(3, "Rob", "robert@example.com"))).version());
  }
}
