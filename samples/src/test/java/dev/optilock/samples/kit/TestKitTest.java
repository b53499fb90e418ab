package dev.optilock.samples.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.model.Document;
import dev.optilock.samples.model.DocumentRepository;
import dev.optilock.samples.modelling.Booking;
import dev.optilock.samples.modelling.BookingRepository;
import dev.optilock.samples.modelling.Ticket;
import dev.optilock.samples.modelling.TicketRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.StampedInstant;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocal;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedMicros;
import dev.optilock.samples.strategies.StampedMicrosRepository;
import dev.optilock.samples.strategies.Tokened;
import dev.optilock.samples.strategies.TokenedRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import dev.optilock.test.OptimisticLockingChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * The test kit ({@code optilock-test}, docs/testing.md) on the samples' own generated repositories:
 * records and classes, single, composite and generated keys, every version strategy, on SQLite,
 * PostgreSQL and MariaDB; and the kit failing on a generated repository whose table is too narrow
 * or whose trigger is missing.
 */
class TestKitTest {
  private static final AtomicLong IDS = new AtomicLong(100);

  @EveryDatabase
  void articlesARecordWithACounter(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    OptimisticLockingChecks.of(new ArticleRepository(dataSource), dataSource)
        .sample(() -> new Article(IDS.incrementAndGet(), "Hello", "first draft", 0))
        .change(article -> article.withTitle("Hello again"))
        .verify();
  }

  @EveryDatabase
  void documentsAClassWithAUuidKeyAndABoxedIntVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("document");
    OptimisticLockingChecks.of(new DocumentRepository(dataSource), dataSource)
        .sample(() -> Document.of(UUID.randomUUID(), "Draft",
            Instant.parse("2026-12-06T10:15:30.123456Z")))
        .change(document -> {
          document.setTitle(document.getTitle() + "!");
          return document;
        })
        .verify();
  }

  @EveryDatabase
  void bookingsAClassWithAThreePartKey(TestDatabase db) {
    DataSource dataSource = db.fresh("booking");
    OptimisticLockingChecks.of(new BookingRepository(dataSource), dataSource)
        .sample(() -> Booking.of("A", LocalDate.of(2026, 12, 6), (int) IDS.incrementAndGet(), "ada"))
        .change(booking -> {
          booking.setGuest(booking.getGuest() + " lovelace");
          return booking;
        })
        .verify();
  }

  @EveryDatabase
  void ticketsARecordWithAGeneratedKeyAndAnIntVersion(TestDatabase db) {
    DataSource dataSource = db.fresh("ticket");
    OptimisticLockingChecks.of(new TicketRepository(dataSource), dataSource)
        .sample(() -> new Ticket(0, "Printer on fire", 0))
        .change(ticket -> ticket.withSubject("Printer fixed"))
        .verify();
  }

  @EveryDatabase
  void timestampVersions(TestDatabase db) {
    DataSource dataSource = db.fresh("stamped_instant", "stamped_local", "stamped_micros");
    OptimisticLockingChecks.of(new StampedInstantRepository(dataSource), dataSource)
        .sample(() -> new StampedInstant(IDS.incrementAndGet(), "a", null))
        .change(row -> row.withTitle("b"))
        .verify();
    OptimisticLockingChecks.of(new StampedLocalRepository(dataSource), dataSource)
        .sample(() -> new StampedLocal(IDS.incrementAndGet(), "a", null))
        .change(row -> row.withTitle("b"))
        .verify();
    OptimisticLockingChecks.of(new StampedMicrosRepository(dataSource), dataSource)
        .sample(() -> new StampedMicros(IDS.incrementAndGet(), "a", 0))
        .change(row -> row.withTitle("b"))
        .verify();
  }

  @EveryDatabase
  void randomVersions(TestDatabase db) {
    DataSource dataSource = db.fresh("tokened");
    OptimisticLockingChecks.of(new TokenedRepository(dataSource), dataSource)
        .sample(() -> new Tokened(IDS.incrementAndGet(), "a", null))
        .change(row -> row.withTitle("b"))
        .verify();
  }

  @EveryDatabase
  void triggerVersions(TestDatabase db) {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    OptimisticLockingChecks.of(counters, dataSource)
        .sample(() -> new Counter(IDS.incrementAndGet(), "clicks", 0, 0))
        .change(counter -> counter.withLabel("clicks!"))
        .verify();
  }

  /** The form docs/testing.md shows: one dynamic test per check. */
  @TestFactory
  Stream<DynamicTest> countersOneTestPerCheck() {
    DataSource dataSource = TestDatabase.SQLITE.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    return OptimisticLockingChecks.of(counters, dataSource)
        .sample(() -> new Counter(IDS.incrementAndGet(), "clicks", 0, 0))
        .change(counter -> counter.withLabel("clicks!"))
        .tests();
  }

  @Test
  void docsTestingShowsTheChecksOfCounterByTheirNames() throws IOException {
    DataSource dataSource = TestDatabase.SQLITE.fresh("counter");
    String shown = Files.readString(Path.of("..", "docs", "testing.md")).split(
        "which reports, for a `TRIGGER` entity such as the samples' `Counter`:\n\n```\n")[1]
        .split("```")[0];
    String names = OptimisticLockingChecks.of(new CounterRepository(dataSource), dataSource)
        .sample(() -> new Counter(IDS.incrementAndGet(), "clicks", 0, 0))
        .change(counter -> counter.withLabel("clicks!"))
        .tests().map(test -> test.getDisplayName() + "\n").collect(Collectors.joining());
    assertEquals(names, shown);
  }

  @EveryDatabase
  void aGeneratedRepositoryOnATableWithoutItsTriggerFails(TestDatabase db) {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    // no createTriggers()

    MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
        () -> OptimisticLockingChecks.of(counters, dataSource)
            .sample(() -> new Counter(IDS.incrementAndGet(), "clicks", 0, 0))
            .change(counter -> counter.withLabel("clicks!"))
            .verify());

    assertTrue(e.getFailures().stream().anyMatch(f -> f.getMessage().startsWith(
        "Counter: the trigger optilock_counter_version that moves counter.version (a TRIGGER"
            + " version) is not installed")), e.getMessage());
  }

  @EveryDatabase
  void aGeneratedRepositoryOnAVersionColumnTooNarrowForItsLongCounterFails(TestDatabase db)
      throws SQLException {
    DataSource dataSource = db.fresh("article");
    String narrow = switch (db) {
      case SQLITE -> "REAL";          // INTEGER affinity would hold 64 bits; REAL loses digits
      case POSTGRESQL -> "INTEGER";   // 32 bits
      case MARIADB -> "INT";          // 32 bits
    };
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE article");
      statement.execute("CREATE TABLE article (id BIGINT PRIMARY KEY, title TEXT, body TEXT,"
          + " version " + narrow + " NOT NULL)");
    }
    try {
      AssertionFailedError e = assertThrows(AssertionFailedError.class,
          () -> OptimisticLockingChecks.of(new ArticleRepository(dataSource), dataSource)
              .sample(() -> new Article(IDS.incrementAndGet(), "Hello", "first draft", 0))
              .change(article -> article.withTitle("Hello again"))
              .verify());

      assertTrue(e.getMessage().startsWith("Article: table article does not match what"
          + " ArticleRepository expects:\n- article.version: is "), e.getMessage());
      assertTrue(e.getMessage().contains("\ncolumn article.version "), e.getMessage());
      assertEquals(List.of(), rows(dataSource));
    } finally {
      db.fresh("article");
    }
  }

  private static List<Long> rows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT id FROM article")) {
      List<Long> ids = new ArrayList<>();
      while (result.next()) {
        ids.add(result.getLong(1));
      }
      return ids;
    }
  }
}
