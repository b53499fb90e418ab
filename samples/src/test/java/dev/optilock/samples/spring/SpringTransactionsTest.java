package dev.optilock.samples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.ExternalTransactions;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.testing.ArticleRows;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generated repository as a Spring bean over a {@link TransactionAwareDataSourceProxy}: its calls
 * take part in {@code @Transactional} methods and {@link TransactionTemplate}s, and commit on their
 * own outside them. On SQLite, PostgreSQL and MariaDB.
 */
class SpringTransactionsTest {
  private AnnotationConfigApplicationContext context;
  private HikariDataSource pool;
  private ArticleRepository articles;
  private ArticleService service;

  /** A context of {@link BlogConfig} with its own pool, on the fixture's database and schema. */
  private void start(TestDatabase db) {
    HikariDataSource fixture = db.fresh("article");
    Map<String, Object> properties = new HashMap<>();
    properties.put("optilock.jdbc.url", fixture.getJdbcUrl());
    if (fixture.getUsername() != null) {
      properties.put("optilock.jdbc.username", fixture.getUsername());
      properties.put("optilock.jdbc.password", fixture.getPassword() == null ? "" : fixture.getPassword());
    }
    if (fixture.getSchema() != null) {
      properties.put("optilock.jdbc.schema", fixture.getSchema());
    }
    context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
    context.register(BlogConfig.class);
    context.refresh();
    pool = context.getBean(HikariDataSource.class);
    articles = context.getBean(ArticleRepository.class);
    service = context.getBean(ArticleService.class);
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  private void assertPoolIdle() {
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "connections in use");
  }

  /** Title and version of a row as another connection (straight from the pool) sees it: committed data. */
  private String committed(long id) {
    try (Connection connection = pool.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT title, version FROM article WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) + "@" + row.getLong(2) : "(none)";
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @EveryDatabase
  void theWiring(TestDatabase db) {
    start(db);
    assertInstanceOf(TransactionAwareDataSourceProxy.class, context.getBean(DataSource.class));
    assertSame(pool, ((TransactionAwareDataSourceProxy) context.getBean(DataSource.class)).getTargetDataSource());
    assertTrue(AopUtils.isAopProxy(service), "@Transactional service is proxied");
    // recognised by its class name: the repositories join Spring's transactions without a declaration
    assertTrue(ExternalTransactions.isDeclared(context.getBean(DataSource.class)));
    assertFalse(ExternalTransactions.isDeclared(pool));
  }

  /**
   * A transaction-aware data source optilock does not recognise by itself (here Spring's proxy
   * behind a plain {@link DelegatingDataSource}, standing for a JTA or Micronaut one), declared with
   * {@link ExternalTransactions#of}: its repository and {@code Transactions.run} join Spring's
   * transaction, whose rollback undoes their writes, and outside one each call commits on its own.
   */
  @EveryDatabase
  void aDeclaredDataSourceJoinsTheManagersTransaction(TestDatabase db) {
    start(db);
    DataSource hidden = new DelegatingDataSource(context.getBean(DataSource.class));
    assertFalse(ExternalTransactions.isDeclared(hidden));
    DataSource declared = ExternalTransactions.of(hidden);
    assertTrue(ExternalTransactions.isDeclared(declared));
    ArticleRepository managed = new ArticleRepository(declared);
    TransactionTemplate template = context.getBean(TransactionTemplate.class);

    Article one = managed.insert(new Article(1, "one", "", 0));
    assertEquals("one@1", committed(1), "outside a Spring transaction the call committed");

    template.executeWithoutResult(status -> {
      managed.update(one.withTitle("inside"));
      managed.insert(new Article(2, "two", "", 0));
      dev.optilock.runtime.Transactions.run(declared, () -> managed.delete(new Article(2, "two", "", 1)));
      assertEquals(1, pool.getHikariPoolMXBean().getActiveConnections(), "Spring's connection only");
      assertEquals("one@1", committed(1), "nothing committed inside Spring's transaction");
      status.setRollbackOnly();
    });
    assertEquals("one@1", committed(1), "Spring rolled back, and the repository's writes with it");
    assertEquals("(none)", committed(2));

    template.executeWithoutResult(status -> managed.update(one.withTitle("committed by Spring")));
    assertEquals("committed by Spring@2", committed(1));
    assertPoolIdle();
  }

  /**
   * Why the declaration matters: the same transaction-aware data source, undeclared, looks like a
   * plain pool with auto-commit off, so each repository call commits its own work, in the middle of
   * Spring's transaction, and Spring's rollback cannot take it back (docs/transactions.md).
   */
  @EveryDatabase
  void anUndeclaredTransactionAwareDataSourceIsTakenForAPlainPool(TestDatabase db) {
    start(db);
    ArticleRepository undeclared =
        new ArticleRepository(new DelegatingDataSource(context.getBean(DataSource.class)));
    Article one = undeclared.insert(new Article(1, "one", "", 0));
    TransactionTemplate template = context.getBean(TransactionTemplate.class);

    template.executeWithoutResult(status -> {
      undeclared.update(one.withTitle("committed at once"));
      assertEquals("committed at once@2", committed(1));
      status.setRollbackOnly();
    });
    assertEquals("committed at once@2", committed(1));
    assertPoolIdle();
  }

  @EveryDatabase
  void aTransactionalMethodCommitsBothUpdates(TestDatabase db) {
    start(db);
    articles.insert(new Article(1, "one", "", 0));
    articles.insert(new Article(2, "two", "", 0));

    List<Article> saved = service.retitleAll(List.of(1L, 2L), "both");

    assertEquals(List.of(new Article(1, "both", "", 2), new Article(2, "both", "", 2)), saved);
    assertEquals("both@2", committed(1));
    assertEquals("both@2", committed(2));
    assertPoolIdle();
  }

  @EveryDatabase
  void anExceptionAfterTheUpdatesRollsBothBack(TestDatabase db) {
    start(db);
    articles.insert(new Article(1, "one", "", 0));
    articles.insert(new Article(2, "two", "", 0));

    // 1 and 2 are updated, then id 99 has no row: NoSuchElementException
    NoSuchElementException thrown =
        assertThrows(NoSuchElementException.class, () -> service.retitleAll(List.of(1L, 2L, 99L), "lost"));
    assertEquals("no article 99", thrown.getMessage());

    assertEquals(Optional.of(new Article(1, "one", "", 1)), articles.findById(1));
    assertEquals(Optional.of(new Article(2, "two", "", 1)), articles.findById(2));
    assertEquals("one@1", committed(1));
    assertEquals("two@1", committed(2));
    assertPoolIdle();
  }

  @EveryDatabase
  void aConflictInsideATransactionalMethodPropagatesAndRollsBack(TestDatabase db) {
    start(db);
    Article one = articles.insert(new Article(1, "one", "", 0));
    Article staleTwo = articles.insert(new Article(2, "two", "", 0));
    Article two = articles.update(staleTwo.withTitle("two, edited elsewhere"));

    RecordModifiedException conflict =
        assertThrows(
            RecordModifiedException.class,
            () -> service.saveAll(List.of(one.withTitle("one, edited"), staleTwo.withTitle("stale"))));
    assertEquals(2L, conflict.id());
    assertEquals(1L, conflict.expectedVersion());
    assertEquals(Optional.of(2L), conflict.actualVersion());
    assertEquals(Optional.of(two), conflict.current(Article.class));

    // the first update, which succeeded, was rolled back with the transaction
    assertEquals(Optional.of(one), articles.findById(1));
    assertEquals(Optional.of(two), articles.findById(2));
    assertEquals("one@1", committed(1));
    assertEquals("two, edited elsewhere@2", committed(2));
    assertPoolIdle();
  }

  @EveryDatabase
  void outsideASpringTransactionEachCallCommitsOnItsOwn(TestDatabase db) {
    start(db);
    assertFalse(TransactionSynchronizationManager.isActualTransactionActive());

    Article one = articles.insert(new Article(1, "one", "", 0));
    assertEquals("one@1", committed(1));
    Article edited = articles.update(one.withTitle("edited"));
    assertEquals("edited@2", committed(1));
    assertPoolIdle();

    // a later failure takes nothing back: the earlier calls were committed already
    assertThrows(RecordModifiedException.class, () -> articles.update(one.withTitle("stale")));
    assertEquals(Optional.of(edited), articles.findById(1));
    assertEquals("edited@2", committed(1));
    assertPoolIdle();
  }

  /**
   * {@code modify} inside a Spring transaction makes one attempt, as inside {@code
   * Transactions.run}: a retry would read the transaction's stale snapshot again (MariaDB's
   * REPEATABLE READ) or silently commit on top of a newer row in the middle of the caller's unit
   * of work (PostgreSQL's READ COMMITTED). The servers only: SQLite's IMMEDIATE transactions lock
   * out the concurrent writer this test needs.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void modifyInsideASpringTransactionMakesOneAttempt(TestDatabase db) {
    start(db);
    articles.insert(new Article(1, "one", "", 0));
    TransactionTemplate template = context.getBean(TransactionTemplate.class);
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(RecordModifiedException.class, () -> template.executeWithoutResult(status ->
        articles.modify(1, read -> {
          if (attempts.incrementAndGet() == 1) {
            otherClientRetitles(1, "theirs");
          }
          return read.withTitle("mine");
        })));
    assertEquals(1, attempts.get(), "change applied once, no retry inside the transaction");
    assertEquals("theirs@2", committed(1));
    assertPoolIdle();

    // outside a transaction, modify retries as usual
    attempts.set(0);
    Article modified = articles.modify(1, read -> {
      if (attempts.incrementAndGet() == 1) {
        otherClientRetitles(1, "theirs again");
      }
      return read.withTitle("mine");
    });
    assertEquals(2, attempts.get());
    assertEquals("mine@4", committed(1));
    assertEquals(4, modified.version());
    assertPoolIdle();
  }

  /**
   * A conflict inside a transaction reports the row that caused it, not the transaction's
   * snapshot: on MariaDB (REPEATABLE READ by default) the failure path reads with a locking read,
   * which sees the latest committed row. Without it, the exception said "expected version 1, found
   * 1" and its current() was the stale row, so a 409 built from it would invite the same conflict.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void aConflictInsideASpringTransactionReportsTheLatestCommittedRow(TestDatabase db) {
    start(db);
    articles.insert(new Article(1, "one", "", 0));
    TransactionTemplate template = context.getBean(TransactionTemplate.class);
    RecordModifiedException conflict = assertThrows(RecordModifiedException.class,
        () -> template.executeWithoutResult(status -> {
          Article read = articles.findById(1).orElseThrow();   // the snapshot starts here
          otherClientRetitles(1, "theirs");
          articles.update(read.withTitle("mine"));
        }));
    assertEquals(1L, conflict.expectedVersion());
    assertEquals(Optional.of(2L), conflict.actualVersion());
    assertEquals(Optional.of(new Article(1, "theirs", "", 2)), conflict.current(Article.class));
    assertTrue(conflict.getMessage().endsWith("expected version 1, found 2"), conflict.getMessage());
    assertEquals("theirs@2", committed(1));
    assertPoolIdle();
  }

  private void otherClientRetitles(long id, String title) {
    try (Connection connection = pool.getConnection()) {
      ArticleRows.otherClientRetitles(connection, id, title);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @EveryDatabase
  void aTransactionTemplateWorksToo(TestDatabase db) {
    start(db);
    TransactionTemplate template = context.getBean(TransactionTemplate.class);
    Article one = articles.insert(new Article(1, "one", "", 0));
    Article two = articles.insert(new Article(2, "two", "", 0));

    // commits both, at the end
    template.executeWithoutResult(
        status -> {
          assertTrue(TransactionSynchronizationManager.isActualTransactionActive());
          articles.update(one.withTitle("one, v2"));
          // the repository used the transaction's connection, not one of its own
          assertEquals(1, pool.getHikariPoolMXBean().getActiveConnections());
          articles.update(two.withTitle("two, v2"));
          assertEquals(Optional.of(new Article(1, "one, v2", "", 2)), articles.findById(1));
          // not committed yet: another connection still sees the old rows
          assertEquals("one@1", committed(1));
          assertEquals("two@1", committed(2));
        });
    assertEquals("one, v2@2", committed(1));
    assertEquals("two, v2@2", committed(2));

    // setRollbackOnly: both updates are undone
    template.executeWithoutResult(
        status -> {
          articles.update(articles.findById(1).orElseThrow().withTitle("one, v3"));
          articles.update(articles.findById(2).orElseThrow().withTitle("two, v3"));
          status.setRollbackOnly();
        });
    assertEquals("one, v2@2", committed(1));
    assertEquals("two, v2@2", committed(2));

    // a conflict inside: it propagates, and the update before it is undone
    RecordModifiedException conflict =
        assertThrows(
            RecordModifiedException.class,
            () ->
                template.execute(
                    status -> {
                      articles.update(articles.findById(2).orElseThrow().withTitle("two, v3"));
                      return articles.update(one.withTitle("stale"));
                    }));
    assertEquals(1L, conflict.id());
    assertEquals("one, v2@2", committed(1));
    assertEquals("two, v2@2", committed(2));
    assertPoolIdle();
  }

  @EveryDatabase
  void transactionsRunInsideASpringTransactionJoinsItInsteadOfCommitting(TestDatabase db) {
    start(db);
    TransactionTemplate template = context.getBean(TransactionTemplate.class);
    javax.sql.DataSource proxy = context.getBean(javax.sql.DataSource.class);
    Article one = articles.insert(new Article(1, "one", "", 0));
    template.executeWithoutResult(
        status -> {
          dev.optilock.runtime.Transactions.run(proxy, () -> articles.update(one.withTitle("inner")));
          // not committed by Transactions.run: Spring's transaction owns the connection
          assertEquals("one@1", committed(1));
          status.setRollbackOnly();
        });
    assertEquals("one@1", committed(1), "Spring rolled back, and the inner write with it");
    assertPoolIdle();
  }

  @Test
  void theMainRuns() throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "spring-main-", ".db");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      SpringMain.main(new String[] {file.toString()});
    } finally {
      System.setOut(original);
      Files.deleteIfExists(file);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Stale edit:  refused (Article[id=2] was modified concurrently:"
        + " expected version 1, found 2), both rolled back"), printed);
    assertTrue(printed.contains("Stored now:  [Article[id=1, title=Spring, body=, version=2],"
        + " Article[id=2, title=Spring, body=, version=2]]"), printed);
  }
}
