package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.testing.ArticleRows;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plain pool whose connections come with auto-commit off (HikariCP's {@code
 * setAutoCommit(false)}, a common Spring/JPA setting) and no transaction manager behind it (issue
 * 12, item 1). Such a connection is the repository's own: every call that returns has committed
 * its work, a call that fails has written nothing, and the connection goes back to the pool with
 * no transaction open.
 *
 * <p>The oracle is a plain {@code DriverManager} connection with auto-commit on, opened after each
 * call: it sees only what was committed. The pool has one connection, so the connection the oracle
 * checks for leftovers (auto-commit, locks) is the one every call used.
 */
class AutoCommitOffPoolTest {
  private static final Article ONE = new Article(1, "one", "", 1);
  private static final Article TWO = new Article(2, "two", "", 1);
  private static final String SEEDED = "1=one@1 2=two@1";

  private HikariDataSource pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  /** Every write, as the repository (or {@code Transactions}) does it, and the rows it leaves. */
  enum Write {
    INSERT("1=one@1 2=two@1 3=three@1", (articles, pool) -> articles.insert(new Article(3, "three", "", 0))),
    UPDATE("1=edited@2 2=two@1", (articles, pool) -> articles.update(ONE.withTitle("edited"))),
    DELETE("2=two@1", (articles, pool) -> articles.delete(ONE)),
    SAVE_NEW("1=one@1 2=two@1 3=three@1", (articles, pool) -> articles.save(new Article(3, "three", "", 0))),
    SAVE_EXISTING("1=saved@2 2=two@1", (articles, pool) -> articles.save(ONE.withTitle("saved"))),
    MODIFY("1=modified@2 2=two@1", (articles, pool) -> articles.modify(1, a -> a.withTitle("modified"))),
    UPDATE_ALL("1=all@2 2=all@2", (articles, pool) ->
        articles.updateAll(List.of(ONE.withTitle("all"), TWO.withTitle("all")), ConflictPolicy.ABORT_ALL)),
    DELETE_ALL("", (articles, pool) -> articles.deleteAll(List.of(ONE, TWO), ConflictPolicy.ABORT_ALL)),
    IF_UNCHANGED("1=guarded@2 2=two@1", (articles, pool) ->
        articles.ifUnchanged(List.of(ONE, TWO), () -> articles.update(ONE.withTitle("guarded")))),
    UPDATE_UNCHECKED("1=forced@2 2=two@1", (articles, pool) -> articles.updateUnchecked(ONE.withTitle("forced"))),
    TRANSACTIONS_RUN("1=run@2 2=two@1 3=three@1", (articles, pool) -> Transactions.run(pool, () -> {
      articles.update(ONE.withTitle("run"));
      articles.insert(new Article(3, "three", "", 0));
    })),
    TRANSACTIONS_CALL("1=one@1 2=called@2", (articles, pool) ->
        Transactions.call(pool, () -> articles.update(TWO.withTitle("called"))));

    final String rows;
    final BiConsumer<ArticleRepository, DataSource> call;

    Write(String rows, BiConsumer<ArticleRepository, DataSource> call) {
      this.rows = rows;
      this.call = call;
    }
  }

  /**
   * Calls that fail, after another client moved row 1 on to {@code theirs@2}: each may have written
   * row 2 (or 3) before it failed, and must leave nothing of it.
   */
  enum Failing {
    UPDATE(RecordModifiedException.class, (articles, pool) -> articles.update(ONE.withTitle("stale"))),
    DELETE(RecordModifiedException.class, (articles, pool) -> articles.delete(ONE)),
    UPDATE_ALL(BatchConflictException.class, (articles, pool) ->
        articles.updateAll(List.of(TWO.withTitle("mine"), ONE.withTitle("stale")), ConflictPolicy.ABORT_ALL)),
    DELETE_ALL(BatchConflictException.class, (articles, pool) ->
        articles.deleteAll(List.of(TWO, ONE), ConflictPolicy.ABORT_ALL)),
    IF_UNCHANGED(BatchConflictException.class, (articles, pool) ->
        articles.ifUnchanged(List.of(ONE, TWO), () -> articles.update(TWO.withTitle("mine")))),
    TRANSACTIONS_RUN(RecordModifiedException.class, (articles, pool) -> Transactions.run(pool, () -> {
      articles.update(TWO.withTitle("mine"));
      articles.insert(new Article(3, "three", "", 0));
      articles.update(ONE.withTitle("stale"));
    })),
    TRANSACTIONS_CALL(RecordModifiedException.class, (articles, pool) -> Transactions.call(pool, () -> {
      articles.update(TWO.withTitle("mine"));
      return articles.update(ONE.withTitle("stale"));
    })),
    /** A failed statement caught inside: the transaction is rollback-only and says so. */
    TRANSACTIONS_RUN_CAUGHT_FAILURE(DataAccessException.class, (articles, pool) -> Transactions.run(pool, () -> {
      articles.update(TWO.withTitle("mine"));
      try {
        articles.insert(new Article(1, "duplicate key", "", 0));
      } catch (DataAccessException swallowed) {
        // the transaction is doomed all the same
      }
    }));

    final Class<? extends RuntimeException> thrown;
    final BiConsumer<ArticleRepository, DataSource> call;

    Failing(Class<? extends RuntimeException> thrown, BiConsumer<ArticleRepository, DataSource> call) {
      this.thrown = thrown;
      this.call = call;
    }
  }

  static Stream<Arguments> writes() {
    return combine(Write.values());
  }

  static Stream<Arguments> failures() {
    return combine(Failing.values());
  }

  private static Stream<Arguments> combine(Object[] calls) {
    List<Arguments> all = new ArrayList<>();
    for (TestDatabase db : TestDatabase.values()) {
      for (Object call : calls) {
        all.add(Arguments.of(db, call));
      }
    }
    return all.stream();
  }

  private ArticleRepository open(TestDatabase db) throws SQLException {
    db.fresh("article");
    try (Connection plain = db.plainConnection();
        Statement statement = plain.createStatement()) {
      statement.executeUpdate("INSERT INTO article (id, title, body, version) VALUES (1, 'one', '', 1)");
      statement.executeUpdate("INSERT INTO article (id, title, body, version) VALUES (2, 'two', '', 1)");
    }
    pool = db.newAutoCommitOffPool("optilock-auto-commit-off", 1);
    try (Connection connection = pool.getConnection()) {
      assertFalse(connection.getAutoCommit(), "the pool hands out connections with auto-commit off");
    }
    assertEquals(SEEDED, committed(db));
    return new ArticleRepository(pool);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void aWriteIsCommittedWhenTheCallReturns(TestDatabase db, Write write) throws SQLException {
    ArticleRepository articles = open(db);

    write.call.accept(articles, pool);

    assertEquals(write.rows, committed(db), write + " returned, so a fresh connection must see its write");
    assertHandedBackClean(db);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("failures")
  void aFailedCallLeavesNothingWritten(TestDatabase db, Failing failing) throws SQLException {
    ArticleRepository articles = open(db);
    otherClientRetitles(db, 1, "theirs");

    RuntimeException thrown = assertThrows(RuntimeException.class, () -> failing.call.accept(articles, pool));
    assertInstanceOf(failing.thrown, thrown);

    assertEquals("1=theirs@2 2=two@1", committed(db), failing + " failed, so it must have written nothing");
    assertHandedBackClean(db);
  }

  /**
   * On a plain auto-commit-off pool a call is not inside anybody's transaction, so {@code modify}
   * retries a conflict as usual (inside a transaction it would make one attempt only).
   */
  @EveryDatabase
  void modifyRetriesAConflict(TestDatabase db) throws SQLException {
    ArticleRepository articles = open(db);
    AtomicInteger attempts = new AtomicInteger();

    Article modified = articles.modify(1, read -> {
      if (attempts.incrementAndGet() == 1) {
        otherClientRetitles(db, 1, "theirs");
      }
      return read.withTitle("mine");
    });

    assertEquals(2, attempts.get(), "the first attempt conflicted, the second wrote");
    assertEquals(new Article(1, "mine", "", 3), modified);
    assertEquals("1=mine@3 2=two@1", committed(db));
    assertHandedBackClean(db);
  }

  /**
   * A borrower that wrote and gave its connection back without committing: HikariCP rolls that back
   * on return, so the next call on the same (only) connection does not commit it along with its own.
   */
  @EveryDatabase
  void anotherBorrowersUncommittedWorkIsNotCommittedWithTheCall(TestDatabase db) throws SQLException {
    ArticleRepository articles = open(db);
    try (Connection careless = pool.getConnection();
        Statement statement = careless.createStatement()) {
      statement.executeUpdate("INSERT INTO article (id, title, body, version) VALUES (9, 'careless', '', 1)");
    }

    articles.insert(new Article(3, "three", "", 0));

    assertEquals("1=one@1 2=two@1 3=three@1", committed(db));
    assertHandedBackClean(db);
  }

  /** Every row, as {@code id=title@version}, in id order, read on a new plain connection. */
  private static String committed(TestDatabase db) {
    try (Connection plain = db.plainConnection();
        Statement statement = plain.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, title, version FROM article ORDER BY id")) {
      List<String> all = new ArrayList<>();
      while (rows.next()) {
        all.add(rows.getLong(1) + "=" + rows.getString(2) + "@" + rows.getLong(3));
      }
      return String.join(" ", all);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void otherClientRetitles(TestDatabase db, long id, String title) {
    try (Connection plain = db.plainConnection()) {
      ArticleRows.otherClientRetitles(plain, id, title);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The pool's connection is idle, back with auto-commit off as it was handed out, and holds no
   * transaction with locks: another client writes every row at once, waiting at most 3 seconds.
   */
  private void assertHandedBackClean(TestDatabase db) throws SQLException {
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "connections in use");
    try (Connection connection = pool.getConnection()) {
      assertFalse(connection.getAutoCommit(), "auto-commit as the pool handed the connection out");
    }
    try (Connection plain = db.plainConnection();
        Statement statement = plain.createStatement()) {
      statement.execute(switch (db) {
        case SQLITE -> "PRAGMA busy_timeout = 3000";
        case POSTGRESQL -> "SET lock_timeout = '3s'";
        case MARIADB -> "SET SESSION innodb_lock_wait_timeout = 3";
      });
      // fails after the timeout if the pool's connection still holds a lock
      statement.executeUpdate("UPDATE article SET body = body");
    }
  }
}
