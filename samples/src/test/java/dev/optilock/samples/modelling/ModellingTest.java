package dev.optilock.samples.modelling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;
import java.util.Optional;

/** Inherited columns and database-generated keys, on every database. */
class ModellingTest {

  @EveryDatabase
  void aSubclassGetsARepositoryWithTheInheritedKeyVersionAndColumns(TestDatabase db) {
    InvoiceRepository invoices = new InvoiceRepository(db.fresh("invoice"));
    Invoice invoice = new Invoice(7, "alice", "ACME");
    assertSame(invoice, invoices.insert(invoice));
    assertEquals(1, invoice.getVersion());

    Invoice alices = invoices.findById(7).orElseThrow();
    Invoice bobs = invoices.findById(7).orElseThrow();
    assertEquals("alice", alices.getCreatedBy());
    assertEquals("ACME", alices.getCustomer());

    alices.setCustomer("ACME Corp");
    invoices.update(alices);
    assertEquals(2, alices.getVersion());

    bobs.setCreatedBy("bob");
    assertThrows(RecordModifiedException.class, () -> invoices.update(bobs));
    assertEquals(1, bobs.getVersion(), "a failed update leaves the object as it was");
    Invoice stored = invoices.findById(7).orElseThrow();
    assertEquals("ACME Corp", stored.getCustomer());
    assertEquals("alice", stored.getCreatedBy());
  }

  @EveryDatabase
  void twoSubclassesOfOneSuperclassHaveTheirOwnTables(TestDatabase db) {
    ReceiptRepository receipts = new ReceiptRepository(db.fresh("receipt", "invoice"));
    Receipt receipt = new Receipt();
    receipt.setId(1);
    receipt.setAmountCents(1999);
    receipts.insert(receipt);
    assertEquals(1999, receipts.findById(1).orElseThrow().getAmountCents());
    assertEquals(List.of(), new InvoiceRepository(db.pool()).findAll());
  }

  @EveryDatabase
  void aGeneratedKeyComesBackFromInsertForARecord(TestDatabase db) {
    TicketRepository tickets = new TicketRepository(db.fresh("ticket"));
    Ticket first = tickets.insert(new Ticket(0, "Printer on fire", 0));
    Ticket second = tickets.insert(new Ticket(0, "Coffee machine empty", 0));
    assertTrue(first.id() > 0, "generated id " + first.id());
    assertNotEquals(first.id(), second.id());
    assertEquals(1, first.version());
    assertEquals(Optional.of(first), tickets.findById(first.id()));

    Ticket updated = tickets.update(first.withSubject("Printer fixed"));
    assertEquals(2, updated.version());
    assertThrows(RecordModifiedException.class, () -> tickets.update(first.withSubject("stale")));
    assertEquals(Optional.of(updated), tickets.findById(first.id()));
  }

  @EveryDatabase
  void saveInsertsWithAGeneratedKeyThenUpdates(TestDatabase db) {
    TicketRepository tickets = new TicketRepository(db.fresh("ticket"));
    Ticket saved = tickets.save(new Ticket(0, "new", 0));
    assertTrue(saved.id() > 0);
    Ticket again = tickets.save(saved.withSubject("edited"));
    assertEquals(saved.id(), again.id());
    assertEquals(2, again.version());
    assertEquals(1, tickets.findAll().size());
  }

  @EveryDatabase
  void aGeneratedKeyIsSetOnTheSameInstanceForAClass(TestDatabase db) {
    IssueRepository issues = new IssueRepository(db.fresh("issue"));
    Issue issue = new Issue("Crash on start");
    assertSame(issue, issues.insert(issue));
    assertTrue(issue.id != null && issue.id > 0, "generated id " + issue.id);
    assertEquals(1L, issue.version);
    Issue loaded = issues.findById(issue.id).orElseThrow();
    assertEquals("Crash on start", loaded.title);
    assertEquals(0, db.activeConnections());
  }
}
