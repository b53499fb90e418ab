package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.crm.Customer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.Transactions;
import dev.optilock.runtime.Versioned;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.converters.Money;
import dev.optilock.samples.converters.Payment;
import dev.optilock.samples.converters.PaymentRepository;
import dev.optilock.samples.model.Everything;
import dev.optilock.samples.model.EverythingRepository;
import dev.optilock.samples.model.Status;
import dev.optilock.samples.modelling.OrderLine;
import dev.optilock.samples.modelling.OrderLineRepository;
import dev.optilock.samples.strategies.Counter;
import dev.optilock.samples.strategies.CounterRepository;
import dev.optilock.samples.strategies.Page;
import dev.optilock.samples.strategies.PageRepository;
import dev.optilock.samples.strategies.StampedInstant;
import dev.optilock.samples.strategies.StampedInstantRepository;
import dev.optilock.samples.strategies.StampedLocal;
import dev.optilock.samples.strategies.StampedLocalRepository;
import dev.optilock.samples.strategies.StampedMicros;
import dev.optilock.samples.strategies.StampedMicrosRepository;
import dev.optilock.samples.strategies.StampedOffset;
import dev.optilock.samples.strategies.StampedOffsetRepository;
import dev.optilock.samples.strategies.Tokened;
import dev.optilock.samples.strategies.TokenedRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import dev.optilock.samples.thirdparty.CustomerRepository;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: batches at the database's floor. On PostgreSQL {@code updateAll} and {@code deleteAll}
 * send one statement per 10,000 rows, every parameter an array, and the rows written are the
 * positions the database returns; on SQLite and MariaDB they are JDBC batches of 10,000 statements
 * at most. Each test checks what the database holds with plain SQL or a fresh read, per row.
 */
class OneStatementBatchTest {
  /** Rows per statement (PostgreSQL) or per JDBC batch (the others): Batches.CHUNK. */
  private static final int CHUNK = 10_000;

  // ---- what is sent ----

  @Test
  void postgresqlSendsOneStatementPerTenThousandRowsAndNoJdbcBatch() throws SQLException {
    DataSource pool = TestDatabase.POSTGRESQL.fresh("article");
    seedArticles(pool, CHUNK + 1, 1);
    Sent sent = new Sent();
    ArticleRepository articles = new ArticleRepository(sent.wrap(pool));
    List<Article> batch = new ArrayList<>();
    for (int id = 1; id <= CHUNK + 1; id++) {
      batch.add(new Article(id, "mine" + id, "", 1));
    }

    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.ABORT_ALL);

    assertEquals(CHUNK + 1, result.updated().size());
    List<String> writes = sent.prepared.stream().filter(sql -> sql.contains("unnest(")).toList();
    assertEquals(2, writes.size(), () -> "statements: " + sent.prepared);
    assertTrue(writes.get(0).startsWith("UPDATE \"article\" AS o SET"), writes.get(0));
    assertEquals(0, sent.batches, "no JDBC batch");
    assertEquals(CHUNK + 1, count(pool, "SELECT COUNT(*) FROM article WHERE version = 2 AND title LIKE 'mine%'"));
  }

  // ---- per-row outcome, by position ----

  /**
   * Rows passed out of key order, two of them stale (one changed, one deleted): every conflict
   * names the very object passed at its position, every written entity is the one passed with its
   * new version, and the table holds exactly that.
   */
  @EveryDatabase
  void outcomeOfEachRowByItsPosition(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    for (int id = 1; id <= 6; id++) {
      articles.insert(new Article(id, "t" + id, "b" + id, 0));
    }
    articles.update(new Article(4, "theirs", "b4", 1)); // now at 2
    articles.delete(new Article(2, "t2", "b2", 1));
    List<Article> batch = List.of(
        new Article(5, "e5", "b5", 1), new Article(4, "e4", "b4", 1), new Article(1, "e1", "b1", 1),
        new Article(6, "e6", "b6", 1), new Article(2, "e2", "b2", 1), new Article(3, "e3", "b3", 1));

    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(List.of(new Article(5, "e5", "b5", 2), new Article(1, "e1", "b1", 2),
        new Article(6, "e6", "b6", 2), new Article(3, "e3", "b3", 2)), result.updated());
    assertEquals(2, result.conflicts().size());
    Conflict<Article> four = result.conflicts().get(0);
    assertSame(batch.get(1), four.target());
    assertEquals(4L, four.id());
    assertEquals(Optional.of(2L), four.actualVersion());
    Conflict<Article> two = result.conflicts().get(1);
    assertSame(batch.get(4), two.target());
    assertEquals(Optional.empty(), two.actualVersion());
    assertEquals(List.of(new Article(1, "e1", "b1", 2), new Article(3, "e3", "b3", 2),
        new Article(4, "theirs", "b4", 2), new Article(5, "e5", "b5", 2),
        new Article(6, "e6", "b6", 2)), articles.findAll());

    BatchResult<Article> deleted = articles.deleteAll(
        List.of(new Article(6, "", "", 2), new Article(4, "", "", 1), new Article(1, "", "", 2)),
        ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(List.of(6L, 1L), deleted.updated().stream().map(Article::id).toList());
    assertEquals(List.of(4L), deleted.conflicts().stream().map(Conflict::id).toList());
    assertEquals(List.of(3L, 4L, 5L), articles.findAll().stream().map(Article::id).toList());
  }

  @EveryDatabase
  void duplicateKeysAreRefusedBeforeAnyWrite(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    articles.insert(new Article(1, "t1", "", 0));
    articles.insert(new Article(2, "t2", "", 0));
    List<Article> twice = List.of(new Article(1, "a", "", 1), new Article(2, "b", "", 1),
        new Article(1, "c", "", 1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> articles.updateAll(twice, ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(e.getMessage().contains("appears more than once"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> articles.deleteAll(twice, ConflictPolicy.SKIP_CONFLICTS));
    assertEquals(List.of(new Article(1, "t1", "", 1), new Article(2, "t2", "", 1)), articles.findAll());
  }

  // ---- chunks: ABORT_ALL is all or nothing across them ----

  /**
   * A stale row in the second chunk, after 10,000 rows the first chunk wrote: with ABORT_ALL
   * nothing stays written; with SKIP_CONFLICTS both chunks commit together, but for that row.
   */
  @EveryDatabase
  void abortAllWritesNothingAcrossChunks(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("article");
    int rows = CHUNK + 50;
    seedArticles(dataSource, rows, 1);
    int staleId = CHUNK + 25;
    execute(dataSource, "UPDATE article SET version = 2, title = 'theirs' WHERE id = " + staleId);
    List<Article> batch = new ArrayList<>();
    for (int id = 1; id <= rows; id++) {
      batch.add(new Article(id, "mine", "", 1));
    }
    Collections.reverse(batch); // the stale row comes early in the list, late in key order
    ArticleRepository articles = new ArticleRepository(dataSource);

    BatchConflictException e = assertThrows(BatchConflictException.class,
        () -> articles.updateAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(1, e.conflicts().size());
    assertEquals((long) staleId, e.conflicts().get(0).id());
    assertEquals(0, count(dataSource, "SELECT COUNT(*) FROM article WHERE title = 'mine'"), "nothing written");
    assertThrows(BatchConflictException.class,
        () -> articles.deleteAll(batch, ConflictPolicy.ABORT_ALL));
    assertEquals(rows, count(dataSource, "SELECT COUNT(*) FROM article"), "nothing deleted");

    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    assertEquals(rows - 1, result.updated().size());
    assertEquals(rows - 1, count(dataSource, "SELECT COUNT(*) FROM article WHERE title = 'mine' AND version = 2"));
    assertEquals(1, count(dataSource, "SELECT COUNT(*) FROM article WHERE title = 'theirs' AND version = 2"));
  }

  /** 100,000 rows, one stale: ten statements on PostgreSQL, each of 10,000 rows. */
  @Test
  void aHundredThousandRowsOnPostgresql() throws SQLException {
    DataSource pool = TestDatabase.POSTGRESQL.fresh("article");
    int rows = 100_000;
    seedArticles(pool, rows, 1);
    execute(pool, "UPDATE article SET version = 5 WHERE id = 77777");
    Sent sent = new Sent();
    ArticleRepository articles = new ArticleRepository(sent.wrap(pool));
    List<Article> batch = new ArrayList<>(rows);
    for (int id = 1; id <= rows; id++) {
      batch.add(new Article(id, "big", "", 1));
    }

    BatchResult<Article> result = articles.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(rows - 1, result.updated().size());
    assertEquals(List.of(77777L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(Optional.of(5L), result.conflicts().get(0).actualVersion());
    assertEquals(10, sent.prepared.stream().filter(sql -> sql.contains("unnest(")).count());
    assertEquals(rows - 1, count(pool, "SELECT COUNT(*) FROM article WHERE title = 'big' AND version = 2"));
  }

  // ---- keys, converters, @VersionedType, every column type ----

  @EveryDatabase
  void compositeKeys(TestDatabase db) {
    OrderLineRepository lines = new OrderLineRepository(db.fresh("order_line"));
    List<OrderLine> stored = new ArrayList<>();
    for (int order = 1; order <= 2; order++) {
      for (int line = 1; line <= 3; line++) {
        stored.add(lines.insert(new OrderLine(order, line, "p" + order + line, 1, 0)));
      }
    }
    lines.update(stored.get(4).withQuantity(9)); // (2, 2) moves to version 2
    List<OrderLine> batch = stored.stream().map(l -> l.withQuantity(5)).toList();

    BatchResult<OrderLine> result = lines.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(5, result.updated().size());
    assertEquals(1, result.conflicts().size());
    assertSame(batch.get(4), result.conflicts().get(0).target());
    assertEquals(Optional.of(2L), result.conflicts().get(0).actualVersion());
    for (OrderLine line : lines.findAll()) {
      boolean stale = line.orderId() == 2 && line.lineNo() == 2;
      assertEquals(stale ? 9 : 5, line.quantity(), line.toString());
      assertEquals(2, line.version(), line.toString());
    }
    BatchResult<OrderLine> deleted = lines.deleteAll(result.updated(), ConflictPolicy.ABORT_ALL);
    assertEquals(5, deleted.updated().size());
    assertEquals(1, lines.findAll().size());
  }

  @EveryDatabase
  void converters(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("payment");
    PaymentRepository payments = new PaymentRepository(dataSource);
    Payment a = payments.insert(new Payment(1, "ann", Money.of("1.50", "EUR"), 0));
    Payment b = payments.insert(new Payment(2, "bob", Money.of("2.00", "EUR"), 0));

    BatchResult<Payment> result = payments.updateAll(
        List.of(a.withAmount(Money.of("10.25", "EUR")), b.withAmount(Money.of("0.07", "EUR"))),
        ConflictPolicy.ABORT_ALL);

    assertEquals(List.of(2, 2), result.updated().stream().map(Payment::version).toList());
    assertEquals(List.of(1025L, 7L), longs(dataSource, "SELECT amount_cents FROM payment ORDER BY id"));
  }

  @EveryDatabase
  void versionedType(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("crm_customer");
    CustomerRepository customers = new CustomerRepository(dataSource);
    Versioned<Customer> acme = customers.insert(new Versioned<>(new Customer(7, "ACME", "a@x"), 0));
    Versioned<Customer> ini = customers.insert(new Versioned<>(new Customer(8, "Initech", null), 0));
    customers.update(new Versioned<>(new Customer(8, "Initech 2", null), ini.version()));

    BatchResult<Versioned<Customer>> result = customers.updateAll(
        List.of(new Versioned<>(new Customer(7, "ACME 2", "b@x"), acme.version()),
            new Versioned<>(new Customer(8, "mine", null), ini.version())),
        ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(1, result.updated().size());
    assertEquals(acme.version() + 1, result.updated().get(0).version());
    assertEquals(8L, result.conflicts().get(0).id());
    assertEquals(List.of("ACME 2", "Initech 2"), strings(dataSource, "SELECT name FROM crm_customer ORDER BY id"));
  }

  /**
   * Every column type, with awkward values (text with quotes, braces, commas and backslashes,
   * bytes, NaN-free floats, microsecond times, offsets) and with nulls: a batch stores exactly what
   * a single {@code update} stores.
   */
  @EveryDatabase
  void everyColumnTypeStoresWhatASingleUpdateStores(TestDatabase db) {
    EverythingRepository repository = new EverythingRepository(db.fresh("everything"));
    List<Everything> singles = new ArrayList<>();
    List<Everything> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Everything single = repository.insert(Everything.empty("s" + i));
      Everything batched = repository.insert(Everything.empty("b" + i));
      Everything values = i == 2 ? Everything.empty("x") : full(i);
      singles.add(repository.update(withId(values, single.id(), single.version())));
      batch.add(withId(values, batched.id(), batched.version()));
    }

    List<Everything> written = repository.updateAll(batch, ConflictPolicy.ABORT_ALL).updated();

    for (int i = 0; i < 3; i++) {
      Everything single = repository.findById("s" + i).orElseThrow();
      Everything batched = repository.findById("b" + i).orElseThrow();
      assertEquals(normalised(single), normalised(batched), "row " + i);
      assertEquals(normalised(written.get(i)), normalised(batched), "what updateAll returned, row " + i);
      assertEquals(single.version(), batched.version());
    }

    // nulls only: a parameter whose every value is a null of no declared type (a UUID on PostgreSQL)
    List<Everything> empties = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Everything single = repository.findById("s" + i).orElseThrow();
      repository.update(withId(Everything.empty("x"), single.id(), single.version()));
      empties.add(withId(Everything.empty("x"), "b" + i, written.get(i).version()));
    }
    repository.updateAll(empties, ConflictPolicy.ABORT_ALL);
    for (int i = 0; i < 3; i++) {
      assertEquals(normalised(repository.findById("s" + i).orElseThrow()),
          normalised(repository.findById("b" + i).orElseThrow()), "empty row " + i);
    }
  }

  private static Everything full(int i) {
    return new Everything("x", null, i == 0 ? "a,b \"c\" {d} \\e NULL" : "NULL", true, (byte) -7,
        (short) 300, 70_000, 5_000_000_000L, 1.5f, 2.25, i == 0 ? '"' : '\\', Boolean.FALSE,
        (byte) 3, (short) -300, -70_000, -5L, -1.25f, 1e-300, i == 0 ? '{' : ',',
        new BigDecimal(i == 0 ? "12345.6700" : "-1E+3"), new byte[] {0, 1, (byte) 0xff, '\\', '"', ','},
        UUID.fromString("123e4567-e89b-12d3-a456-42661417400" + i), Status.PUBLISHED,
        LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
        Instant.parse("2024-03-04T05:06:07.654321Z"),
        OffsetDateTime.parse("2024-03-04T05:06:07.5+05:30"));
  }

  private static Everything withId(Everything e, String id, Long version) {
    return new Everything(id, version, e.label(), e.flag(), e.tiny(), e.small(), e.medium(),
        e.large(), e.single(), e.dbl(), e.letter(), e.boxedFlag(), e.boxedTiny(), e.boxedSmall(),
        e.boxedMedium(), e.boxedLarge(), e.boxedSingle(), e.boxedDbl(), e.boxedLetter(), e.amount(),
        e.payload(), e.token(), e.status(), e.day(), e.stamp(), e.moment(), e.zoned());
  }

  /** Every column but the key, with bytes as a list and the time zone of offsets left out. */
  private static List<Object> normalised(Everything e) {
    return Arrays.asList(e.label(), e.flag(), e.tiny(), e.small(), e.medium(), e.large(),
        e.single(), e.dbl(), e.letter(), e.boxedFlag(), e.boxedTiny(), e.boxedSmall(),
        e.boxedMedium(), e.boxedLarge(), e.boxedSingle(), e.boxedDbl(), e.boxedLetter(),
        e.amount() == null ? null : e.amount().stripTrailingZeros(),
        e.payload() == null ? null : Arrays.toString(e.payload()), e.token(), e.status(), e.day(),
        e.stamp(), e.moment(), e.zoned() == null ? null : e.zoned().toInstant());
  }

  // ---- every version strategy, conditional versions ----

  @EveryDatabase
  void everyVersionStrategy(TestDatabase db) {
    DataSource dataSource = db.fresh("article", "counter", "stamped_instant", "stamped_local",
        "stamped_offset", "stamped_micros", "tokened");
    checkStrategy(new ArticleRepository(dataSource)::insert, ArticleRepository::new, dataSource,
        id -> new Article(id, "t", "", 0), a -> a.withTitle("new"), Article::version, Article::title,
        ArticleRepository::updateAll, ArticleRepository::findById, ArticleRepository::update);
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    checkStrategy(counters::insert, CounterRepository::new, dataSource,
        id -> new Counter(id, "t", 0, 0), c -> c.withLabel("new"), Counter::version, Counter::label,
        CounterRepository::updateAll, CounterRepository::findById, CounterRepository::update);
    checkStrategy(new StampedInstantRepository(dataSource)::insert, StampedInstantRepository::new,
        dataSource, id -> new StampedInstant(id, "t", null), s -> s.withTitle("new"),
        StampedInstant::version, StampedInstant::title, StampedInstantRepository::updateAll,
        StampedInstantRepository::findById, StampedInstantRepository::update);
    checkStrategy(new StampedLocalRepository(dataSource)::insert, StampedLocalRepository::new,
        dataSource, id -> new StampedLocal(id, "t", null), s -> s.withTitle("new"),
        StampedLocal::version, StampedLocal::title, StampedLocalRepository::updateAll,
        StampedLocalRepository::findById, StampedLocalRepository::update);
    checkStrategy(new StampedOffsetRepository(dataSource)::insert, StampedOffsetRepository::new,
        dataSource, id -> new StampedOffset(id, "t", null), s -> s.withTitle("new"),
        s -> s.version() == null ? null : s.version().toInstant(), StampedOffset::title,
        StampedOffsetRepository::updateAll, StampedOffsetRepository::findById,
        StampedOffsetRepository::update);
    checkStrategy(new StampedMicrosRepository(dataSource)::insert, StampedMicrosRepository::new,
        dataSource, id -> new StampedMicros(id, "t", 0), s -> s.withTitle("new"),
        StampedMicros::version, StampedMicros::title, StampedMicrosRepository::updateAll,
        StampedMicrosRepository::findById, StampedMicrosRepository::update);
    checkStrategy(new TokenedRepository(dataSource)::insert, TokenedRepository::new, dataSource,
        id -> new Tokened(id, "t", null), t -> t.withTitle("new"), Tokened::version, Tokened::title,
        TokenedRepository::updateAll, TokenedRepository::findById, TokenedRepository::update);
  }

  /** The parts of a repository {@link #checkStrategy} drives. */
  @FunctionalInterface
  private interface UpdateAll<R, E> {
    BatchResult<E> updateAll(R repository, List<E> entities, ConflictPolicy policy);
  }

  @FunctionalInterface
  private interface FindById<R, E> {
    Optional<E> find(R repository, long id);
  }

  @FunctionalInterface
  private interface Update<R, E> {
    E update(R repository, E entity);
  }

  /**
   * Rows 1..4, row 3 changed by someone else: a batch writes 1, 2 and 4, reports 3, and each
   * entity it returns carries exactly the version its row holds now.
   */
  private static <R, E> void checkStrategy(Function<E, E> insert, Function<DataSource, R> open,
      DataSource dataSource, Function<Long, E> make, Function<E, E> change,
      Function<E, Object> version, Function<E, String> title, UpdateAll<R, E> updateAll,
      FindById<R, E> findById, Update<R, E> update) {
    R repository = open.apply(dataSource);
    List<E> stored = new ArrayList<>();
    for (long id = 1; id <= 4; id++) {
      stored.add(insert.apply(make.apply(id)));
    }
    update.update(repository, stored.get(2));
    List<E> batch = stored.stream().map(change).toList();

    BatchResult<E> result = updateAll.updateAll(repository, batch, ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(3, result.updated().size(), () -> String.valueOf(result));
    assertEquals(1, result.conflicts().size());
    assertSame(batch.get(2), result.conflicts().get(0).target());
    for (E written : result.updated()) {
      E row = findById.find(repository, idOf(written)).orElseThrow();
      assertEquals(version.apply(row), version.apply(written), () -> "version of " + written);
      assertNotEquals(version.apply(stored.get(0)), version.apply(written), "the version moved");
      assertEquals("new", title.apply(row));
    }
  }

  private static long idOf(Object entity) {
    if (entity instanceof Article a) {
      return a.id();
    } else if (entity instanceof Counter c) {
      return c.id();
    } else if (entity instanceof StampedInstant s) {
      return s.id();
    } else if (entity instanceof StampedLocal s) {
      return s.id();
    } else if (entity instanceof StampedOffset s) {
      return s.id();
    } else if (entity instanceof StampedMicros s) {
      return s.id();
    }
    return ((Tokened) entity).id();
  }

  /**
   * A TRIGGER version whose trigger is not installed: the batch's rows would be written with their
   * version unmoved, so that a stale copy could overwrite them unnoticed. Like {@code update}, the
   * batch is rolled back and says so.
   */
  @EveryDatabase
  void aMissingTriggerRollsTheBatchBack(TestDatabase db) throws SQLException {
    DataSource dataSource = db.fresh("counter");
    CounterRepository counters = new CounterRepository(dataSource);
    counters.createTriggers();
    Counter one = counters.insert(new Counter(1, "one", 0, 0));
    Counter two = counters.insert(new Counter(2, "two", 0, 0));
    counters.dropTriggers();

    DataAccessException e = assertThrows(DataAccessException.class, () -> counters.updateAll(
        List.of(one.withLabel("new"), two.withLabel("new")), ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(e.getMessage().contains("is not installed"), e.getMessage());
    assertEquals(List.of("one", "two"), strings(dataSource, "SELECT label FROM counter ORDER BY id"));
  }

  /** A conditional version moves only for the rows whose compared column changed. */
  @EveryDatabase
  void conditionalVersions(TestDatabase db) {
    PageRepository pages = new PageRepository(db.fresh("page"));
    Page one = pages.insert(new Page(1, "title", "body", 0));
    Page two = pages.insert(new Page(2, "title", "body", 0));
    Page three = pages.insert(new Page(3, "title", "body", 0));
    pages.update(three.with("theirs", "body"));

    BatchResult<Page> result = pages.updateAll(
        List.of(one.with("new title", "body"), two.with("title", "new body"), three.with("x", "y")),
        ConflictPolicy.SKIP_CONFLICTS);

    assertEquals(List.of(new Page(1, "new title", "body", 2), new Page(2, "title", "new body", 1)),
        result.updated());
    assertEquals(List.of(3L), result.conflicts().stream().map(Conflict::id).toList());
    assertEquals(List.of(new Page(1, "new title", "body", 2), new Page(2, "title", "new body", 1),
        new Page(3, "theirs", "body", 2)), pages.findAll());
  }

  // ---- PostgreSQL: a deadlock is undone and the batch runs again ----

  /**
   * A transaction holds row 2 and then wants row 1, while a batch over rows 1 and 2 holds row 1
   * and waits for row 2: PostgreSQL breaks the deadlock by failing one of them (usually the batch,
   * which waited first). A batch that fails so is undone and runs again, with its rows locked in key
   * order first: it returns normally, and what it reports is what the table holds, as is what the
   * other transaction did.
   */
  @Test
  void aDeadlockedBatchRunsAgain() throws Exception {
    DataSource dataSource = TestDatabase.POSTGRESQL.fresh("article");
    ArticleRepository articles = new ArticleRepository(dataSource);
    Article one = articles.insert(new Article(1, "t1", "", 0));
    Article two = articles.insert(new Article(2, "t2", "", 0));
    CountDownLatch holdsTwo = new CountDownLatch(1);
    CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
      try {
        Transactions.run(dataSource, () -> {
          articles.update(two.withTitle("other"));
          holdsTwo.countDown();
          sleep(700); // meanwhile the batch writes row 1 and waits for row 2
          articles.update(one.withTitle("other"));
        });
        return true;
      } catch (RuntimeException e) { // chosen to break the deadlock, or too late for row 1
        return false;
      }
    });
    assertTrue(holdsTwo.await(10, TimeUnit.SECONDS));

    BatchResult<Article> result = articles.updateAll(
        List.of(one.withTitle("batch"), two.withTitle("batch")), ConflictPolicy.SKIP_CONFLICTS);

    boolean committed = other.get(30, TimeUnit.SECONDS);
    List<Article> stored = articles.findAll();
    for (Article written : result.updated()) {
      assertEquals(written, stored.get((int) written.id() - 1));
    }
    for (Conflict<Article> conflict : result.conflicts()) {
      Article row = stored.get(((Long) conflict.id()).intValue() - 1);
      assertEquals("other", row.title());
      assertEquals(Optional.of(row.version()), conflict.actualVersion());
    }
    assertEquals(2, result.updated().size() + result.conflicts().size());
    assertEquals(committed ? 2 : 0, stored.stream().filter(a -> a.title().equals("other")).count(),
        () -> "the other transaction " + (committed ? "committed" : "failed") + ": " + stored);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- helpers ----

  /** What a data source's connections were asked to prepare, and how many JDBC batches ran. */
  private static final class Sent {
    final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
    volatile int batches;

    DataSource wrap(DataSource dataSource) {
      return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            switch (method.getName()) { // an identity of its own, not the pool's
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              default:
                break;
            }
            Object result = invoke(dataSource, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
          });
    }

    private Connection connection(Connection connection) {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
              prepared.add((String) args[0]);
              return statement((PreparedStatement) invoke(connection, method, args));
            }
            return invoke(connection, method, args);
          });
    }

    private PreparedStatement statement(PreparedStatement statement) {
      InvocationHandler handler = (proxy, method, args) -> {
        if (method.getName().equals("executeBatch")) {
          batches++;
        }
        return invoke(statement, method, args);
      };
      return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /**
   * A {@code String} mapped to a {@code jsonb} column works for {@code update} under pgJDBC's
   * {@code stringtype=unspecified} (the parameter goes untyped and the server assigns it), but the
   * one-statement batch's {@code varchar[]} cannot be assigned to {@code jsonb} (SQLSTATE 42804).
   * The batch then runs again as a JDBC batch, bound as {@code update} binds, in the same call, and
   * so do the repository's later batches; before, {@code updateAll} failed where {@code update}
   * worked.
   */
  @Test
  void aColumnThatRefusesTheArraysTypeGetsAJdbcBatch() throws SQLException {
    HikariDataSource shared = TestDatabase.POSTGRESQL.fresh("json_doc");   // body jsonb
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.getJdbcUrl());
    config.setUsername(shared.getUsername());
    config.setPassword(shared.getPassword());
    config.setSchema(shared.getSchema());
    Properties properties = new Properties();
    properties.putAll(shared.getDataSourceProperties());
    properties.setProperty("stringtype", "unspecified");
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(2);
    try (HikariDataSource untyped = new HikariDataSource(config)) {
      JsonDocRepository docs = new JsonDocRepository(untyped);
      List<JsonDoc> saved = new ArrayList<>();
      for (long id = 1; id <= 3; id++) {
        saved.add(docs.insert(new JsonDoc(id, "{\"n\": " + id + "}", 0)));
      }
      JsonDoc stale = saved.get(1);
      docs.update(stale.withBody("{\"n\": 20}"));

      BatchResult<JsonDoc> first = docs.updateAll(
          saved.stream().map(d -> d.withBody("{\"m\": " + d.id() + "}")).toList(),
          ConflictPolicy.SKIP_CONFLICTS);
      assertEquals(List.of(1L, 3L), first.updated().stream().map(JsonDoc::id).toList());
      assertEquals(List.of(2L), first.conflicts().stream().map(Conflict::id).toList());
      assertEquals(Optional.of(2L), first.conflicts().get(0).actualVersion());
      assertEquals(List.of("{\"m\": 1}@2", "{\"n\": 20}@2", "{\"m\": 3}@2"),
          strings(shared, "SELECT body::text || '@' || version FROM json_doc ORDER BY id"));

      // the next batch of the repository goes as a JDBC batch at once; ABORT_ALL still all or nothing
      List<JsonDoc> current = docs.findAll();
      assertThrows(BatchConflictException.class, () -> docs.updateAll(
          List.of(current.get(0).withBody("{}"), stale.withBody("{}")), ConflictPolicy.ABORT_ALL));
      BatchResult<JsonDoc> deleted = docs.deleteAll(current, ConflictPolicy.ABORT_ALL);
      assertEquals(3, deleted.updated().size());
      assertEquals(0, count(shared, "SELECT count(*) FROM json_doc"));
    }
  }

  /** Rows 1..{@code rows} of {@code article} at {@code version}, inserted with plain JDBC. */
  private static void seedArticles(DataSource dataSource, int rows, long version) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO article (id, title, body, version) VALUES (?, 'seed', '', ?)")) {
      connection.setAutoCommit(false);
      for (int id = 1; id <= rows; id++) {
        insert.setLong(1, id);
        insert.setLong(2, version);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
      connection.setAutoCommit(true);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    return longs(dataSource, sql).get(0);
  }

  private static List<Long> longs(DataSource dataSource, String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      while (resultSet.next()) {
        values.add(resultSet.getLong(1));
      }
    }
    return values;
  }

  private static List<String> strings(DataSource dataSource, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      while (resultSet.next()) {
        values.add(resultSet.getString(1));
      }
    }
    return values;
  }
}
