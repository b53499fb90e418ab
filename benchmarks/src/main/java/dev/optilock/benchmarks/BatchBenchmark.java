package dev.optilock.benchmarks;

import static dev.optilock.benchmarks.jooq.BenchItemTable.BENCH_ITEM;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.benchmarks.hibernate.Hibernate;
import dev.optilock.benchmarks.hibernate.HibernateItem;
import dev.optilock.benchmarks.jooq.BenchItemRecord;
import dev.optilock.benchmarks.springdata.SpringData;
import dev.optilock.benchmarks.springdata.SpringItem;
import dev.optilock.benchmarks.springdata.SpringItemRepository;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.StaleObjectStateException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Issue 7, item 2: a batch compare-and-set update of {@code rows} rows, measured with each
 * library's batch path in the same run. With {@code stale = 1%}, every 100th row (ids 100, 200, …)
 * is stale: the caller's copy has version 1, the database already has version 2, as if another
 * writer had got there first. With {@code stale = 0}, every row matches, and each approach does its
 * full write path.
 *
 * <ul>
 *   <li>{@code optilockUpdateAll}: the generated {@code BenchItemRepository.updateAll(rows,
 *       SKIP_CONFLICTS)}: one transaction, one JDBC batch, then one SELECT of the rows whose count
 *       was 0 to describe the conflicts;
 *   <li>{@code jdbcRowByRow}: the same UPDATE written by hand, one {@code executeUpdate} per row,
 *       each auto-committed, the count of each checked. One connection and one {@code
 *       PreparedStatement} serve the whole loop, the fastest way to go row by row;
 *   <li>{@code jdbcBatch}: the same UPDATE written by hand as one JDBC batch ({@code addBatch},
 *       {@code executeBatch}) in one transaction; the conflicts are the rows whose count is 0;
 *   <li>{@code jdbcSingleStatement} (PostgreSQL only): the whole batch as one hand-written {@code
 *       UPDATE bench_item t SET ... FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[])
 *       AS u(id, name, amount, version) WHERE t.id = u.id AND t.version = u.version RETURNING t.id},
 *       auto-committed; the conflicts are the ids it did not return. The floor on PostgreSQL;
 *   <li>{@code hibernateUpdateMultiple}: Hibernate 7's {@code StatelessSession.updateMultiple} of
 *       detached {@code @Version} entities in one transaction. It sends the whole list as one JDBC
 *       batch of versioned UPDATEs, checks the counts, and throws {@code StaleObjectStateException}
 *       naming the first row whose count was 0; the transaction rolls back;
 *   <li>{@code hibernateMerge}: the JPA way with a {@code Session}: {@code merge} of each detached
 *       entity in one transaction (which loads each row first and compares its version), with
 *       {@code flush} and {@code clear} every {@link #HIBERNATE_BATCH_SIZE} entities as Hibernate's
 *       guide recommends, and {@code hibernate.jdbc.batch_size} = {@link #HIBERNATE_BATCH_SIZE} and
 *       {@code hibernate.order_updates}; a stale row throws {@code OptimisticLockException} at its
 *       merge, and the transaction rolls back;
 *   <li>{@code jooqBatchUpdate}: jOOQ's {@code batchUpdate} of {@code UpdatableRecord}s with {@code
 *       executeWithOptimisticLocking} on, in one jOOQ transaction. It sends one JDBC batch of
 *       versioned UPDATEs and returns the row counts without throwing; the conflicts are the records
 *       whose count is 0;
 *   <li>{@code springSaveAll}: Spring Data JDBC's {@code CrudRepository.saveAll} of {@code @Version}
 *       aggregates, one transaction ({@code SimpleJdbcRepository} is {@code @Transactional}). It
 *       sends one UPDATE per entity (Spring Data JDBC batches inserts only) and throws {@code
 *       OptimisticLockingFailureException} at the first stale one; the transaction rolls back.
 * </ul>
 *
 * <p>Before each invocation (not timed) one bulk UPDATE puts every row back at version 1, the stale
 * ones at version 2 (plus a {@code VACUUM} on PostgreSQL, so that dead tuples do not pile up
 * between invocations), and the caller's copies are built afresh for the libraries that change them
 * in place; so every invocation does the same work. After each invocation (not timed) the
 * tear-down checks what the approach did: that it reported exactly the stale rows as conflicts (or,
 * for the libraries that throw at the first conflict, that it threw naming the first stale row),
 * and, with one query over every row, that exactly the rows it claims to have written were written
 * and that no stale row was overwritten.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
public class BatchBenchmark {
  static {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  /** With {@code stale = 1%}, every STALE_EVERY-th row (ids 100, 200, …) is stale. */
  static final int STALE_EVERY = 100;

  /** {@code hibernate.jdbc.batch_size} of the Hibernate benchmarks, and their flush interval. */
  static final int HIBERNATE_BATCH_SIZE = 50;

  private static final Pattern SPRING_ID = Pattern.compile("with id '(\\d+)'");

  @Param({"sqlite", "postgresql"})
  public String db;

  @Param({"1000", "10000"})
  public int rows;

  /** {@code 1%}: every 100th row is stale; {@code 0}: none is. */
  @Param({"1%", "0"})
  public String stale;

  /** The approaches, one per benchmark method, and what each does when some rows are stale. */
  enum Approach {
    OPTILOCK(true),
    JDBC_ROW_BY_ROW(true),
    JDBC_BATCH(true),
    JDBC_SINGLE_STATEMENT(true),
    HIBERNATE_UPDATE_MULTIPLE(false),
    HIBERNATE_MERGE(false),
    JOOQ_BATCH_UPDATE(true),
    SPRING_SAVE_ALL(false);

    /**
     * True: writes the other rows and reports every conflicting row. False: throws at the first
     * conflicting row, naming it, and rolls the whole batch back.
     */
    final boolean reportsEveryConflict;

    Approach(boolean reportsEveryConflict) {
      this.reportsEveryConflict = reportsEveryConflict;
    }

    /** The approach of a benchmark method, by its name. */
    static Approach of(String method) {
      switch (method) {
        case "optilockUpdateAll":
          return OPTILOCK;
        case "jdbcRowByRow":
          return JDBC_ROW_BY_ROW;
        case "jdbcBatch":
          return JDBC_BATCH;
        case "jdbcSingleStatement":
          return JDBC_SINGLE_STATEMENT;
        case "hibernateUpdateMultiple":
          return HIBERNATE_UPDATE_MULTIPLE;
        case "hibernateMerge":
          return HIBERNATE_MERGE;
        case "jooqBatchUpdate":
          return JOOQ_BATCH_UPDATE;
        case "springSaveAll":
          return SPRING_SAVE_ALL;
        default:
          throw new IllegalStateException("no approach for " + method);
      }
    }
  }

  private Db database;
  private HikariDataSource pool;
  /** The pool, as every library and the set-up and checks use it. */
  private DataSource dataSource;
  private Approach approach;
  private boolean withStaleRows;
  /** The caller's copies: every row modified, at version 1 (optilock and hand-written JDBC). */
  private List<BenchItem> batch;
  /** The stale ids, ascending; empty with {@code stale = 0}. */
  private List<Long> staleIds;
  private Set<Long> staleIdSet;
  /** What every written row holds: the batch gives each row the same new name and amount. */
  private BenchItem written;

  private BenchItemRepository repository;
  private SessionFactory hibernate;
  private DSLContext jooq;
  private AnnotationConfigApplicationContext spring;
  private SpringItemRepository springRepository;

  /** The same copies for the libraries that change them in place, rebuilt before each invocation. */
  private List<HibernateItem> hibernateItems;

  private List<BenchItemRecord> jooqRecords;
  private List<SpringItem> springItems;

  /** The ids the last invocation named as conflicts, checked by the invocation tear-down. */
  List<Long> reported;

  /** The optimistic-locking exception the last invocation ended with, if any. */
  RuntimeException thrown;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    open(Approach.of(benchmark.substring(benchmark.lastIndexOf('.') + 1)), pool -> pool);
  }

  /**
   * The trial set-up: a fresh table and what the approach needs. {@link BatchStatements} passes a
   * {@code wrap} that counts JDBC calls; the benchmark uses the pool as it is.
   */
  void open(Approach approach, UnaryOperator<DataSource> wrap) {
    this.approach = approach;
    withStaleRows = switch (stale) {
      case "1%" -> true;
      case "0" -> false;
      default -> throw new IllegalArgumentException("stale must be 1% or 0, not " + stale);
    };
    database = Db.of(db);
    database.deleteFiles();
    pool = database.pool();
    dataSource = wrap.apply(pool);
    database.reset(dataSource, rows);
    batch = new ArrayList<>(rows);
    staleIds = new ArrayList<>();
    for (long id = 1; id <= rows; id++) {
      batch.add(new BenchItem(id, Names.next(0), 0, 1).modified());
      if (withStaleRows && id % STALE_EVERY == 0) {
        staleIds.add(id);
      }
    }
    staleIdSet = new HashSet<>(staleIds);
    written = batch.get(0);
    for (BenchItem item : batch) {
      if (!item.name().equals(written.name()) || item.amount() != written.amount()) {
        throw new IllegalStateException("the batch must write the same name and amount everywhere");
      }
    }
    switch (approach) {
      case OPTILOCK -> repository = new BenchItemRepository(dataSource);
      case HIBERNATE_UPDATE_MULTIPLE, HIBERNATE_MERGE ->
          hibernate = Hibernate.sessionFactory(database, dataSource, HIBERNATE_BATCH_SIZE);
      case JOOQ_BATCH_UPDATE ->
          jooq =
              DSL.using(
                  dataSource,
                  database == Db.SQLITE ? SQLDialect.SQLITE : SQLDialect.POSTGRES,
                  new Settings()
                      .withExecuteWithOptimisticLocking(true)
                      .withExecuteLogging(false));
      case SPRING_SAVE_ALL -> {
        spring = SpringData.context(dataSource);
        springRepository = spring.getBean(SpringItemRepository.class);
      }
      default -> {}
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (hibernate != null) {
      hibernate.close();
    }
    if (spring != null) {
      spring.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * One bulk UPDATE: every row at version 1 except the stale ones, which another writer moved on;
   * then fresh caller's copies for the library being measured, if it changes them in place.
   */
  @Setup(Level.Invocation)
  public void restore() throws SQLException {
    reported = null;
    thrown = null;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          withStaleRows
              ? "UPDATE bench_item SET version = CASE WHEN id % "
                  + STALE_EVERY
                  + " = 0 THEN 2 ELSE 1 END, name = 'alpha', amount = 0"
              : "UPDATE bench_item SET version = 1, name = 'alpha', amount = 0");
      if (database == Db.POSTGRESQL) {
        statement.execute("VACUUM bench_item");
      }
    }
    switch (approach) {
      case HIBERNATE_UPDATE_MULTIPLE, HIBERNATE_MERGE -> {
        hibernateItems = new ArrayList<>(rows);
        for (BenchItem item : batch) {
          hibernateItems.add(
              HibernateItem.detached(item.id(), item.name(), item.amount(), item.version()));
        }
      }
      case JOOQ_BATCH_UPDATE -> {
        jooqRecords = new ArrayList<>(rows);
        for (BenchItem item : batch) {
          // As fetched at version 1 ...
          BenchItemRecord record = jooq.newRecord(BENCH_ITEM);
          record.setId(item.id()).setName("alpha").setAmount(0);
          record.set(BENCH_ITEM.VERSION, item.version());
          record.changed(false);
          // ... then modified: name and amount changed, as in BenchItem.modified().
          record.setName(item.name()).setAmount(item.amount());
          jooqRecords.add(record);
        }
      }
      case SPRING_SAVE_ALL -> {
        springItems = new ArrayList<>(rows);
        for (BenchItem item : batch) {
          SpringItem copy = new SpringItem(item.id(), item.name(), item.amount());
          copy.setVersion(item.version());
          springItems.add(copy);
        }
      }
      default -> {}
    }
  }

  /**
   * What the approach must have done. One that reports every conflict must have named exactly the
   * stale rows, thrown nothing, and written every other row. One that throws at the first conflict
   * must, with stale rows, have thrown naming the first stale row and written nothing; without
   * stale rows, it must have written every row. In every case, each stale row must still hold what
   * the other writer left (version 2, name and amount untouched): no lost update.
   */
  @TearDown(Level.Invocation)
  public void check() throws SQLException {
    boolean rolledBack = withStaleRows && !approach.reportsEveryConflict;
    List<Long> expected = rolledBack ? staleIds.subList(0, 1) : staleIds;
    if (!expected.equals(reported)) {
      throw failure(
          "expected "
              + (rolledBack ? "an exception naming the first stale row " : "conflicts ")
              + expected
              + ", the benchmark reported "
              + (reported == null ? "nothing" : reported.size() + " rows " + reported));
    }
    if (rolledBack != (thrown != null)) {
      throw failure("expected " + (rolledBack ? "an exception" : "no exception"), thrown);
    }
    checkTable(rolledBack);
  }

  /**
   * Checks every row in the database, with one query for the rows that are not as they should be:
   * written rows hold the batch's values at version 2, the others are untouched (a stale row at the
   * other writer's version 2, the rest at version 1).
   */
  private void checkTable(boolean rolledBack) throws SQLException {
    String untouched = "name = 'alpha' AND amount = 0";
    String staleRow = withStaleRows ? "id % " + STALE_EVERY + " = 0" : "1 = 0";
    String expected =
        "CASE WHEN "
            + staleRow
            + " THEN version = 2 AND "
            + untouched
            + (rolledBack
                ? " ELSE version = 1 AND " + untouched
                : " ELSE version = 2 AND name = ? AND amount = ?")
            + " END";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, name, amount, version FROM bench_item WHERE NOT ("
                    + expected
                    + ") ORDER BY id");
        Statement count = connection.createStatement()) {
      if (!rolledBack) {
        select.setString(1, written.name());
        select.setLong(2, written.amount());
      }
      try (ResultSet wrong = select.executeQuery()) {
        if (wrong.next()) {
          long id = wrong.getLong(1);
          boolean isStale = staleIdSet.contains(id);
          long version = wrong.getLong(4);
          throw failure(
              "row "
                  + id
                  + (isStale ? " (stale)" : "")
                  + " should be "
                  + (isStale || rolledBack ? "untouched" : "written")
                  + " but holds name="
                  + wrong.getString(2)
                  + " amount="
                  + wrong.getLong(3)
                  + " version="
                  + version
                  + (isStale && version > 2 ? ": a LOST UPDATE" : ""));
        }
      }
      try (ResultSet all = count.executeQuery("SELECT COUNT(*) FROM bench_item")) {
        all.next();
        if (all.getLong(1) != rows) {
          throw failure("bench_item has " + all.getLong(1) + " rows, expected " + rows);
        }
      }
    }
  }

  private IllegalStateException failure(String message) {
    return failure(message, null);
  }

  private IllegalStateException failure(String message, Throwable cause) {
    return new IllegalStateException(
        approach + " " + db + " rows=" + rows + " stale=" + stale + ": " + message, cause);
  }

  /**
   * For {@link BatchStatements}: what the caller's copy of the first stale row (or of row 1, without
   * stale rows) holds after the run, for the libraries that change the caller's copies in place.
   */
  String callersCopyAfterRun() {
    int index = (int) (staleIds.isEmpty() ? 1 : staleIds.get(0)) - 1;
    return switch (approach) {
      case HIBERNATE_UPDATE_MULTIPLE, HIBERNATE_MERGE ->
          "entity " + (index + 1) + ": version " + hibernateItems.get(index).getVersion();
      case JOOQ_BATCH_UPDATE ->
          "record "
              + (index + 1)
              + ": version "
              + jooqRecords.get(index).getVersion()
              + ", changed() "
              + jooqRecords.get(index).changed();
      case SPRING_SAVE_ALL ->
          "entity " + (index + 1) + ": version " + springItems.get(index).getVersion();
      default -> "unchanged (immutable records)";
    };
  }

  /**
   * For {@link BatchStatements}, after a run with stale rows and its check: saves the caller's copy
   * of the first stale row again, on its own, the way the library saves one entity, and says what
   * happened and what the row holds now. A row at version 3 means the other writer's change was
   * overwritten: a lost update.
   */
  String saveFirstStaleCopyAgain() throws SQLException {
    long id = staleIds.get(0);
    int index = (int) id - 1;
    String outcome;
    try {
      outcome =
          switch (approach) {
            case OPTILOCK -> "update: " + repository.update(batch.get(index));
            case HIBERNATE_UPDATE_MULTIPLE -> {
              HibernateItem item = hibernateItems.get(index);
              hibernate.inStatelessTransaction(session -> session.update(item));
              yield "StatelessSession.update: returned";
            }
            case HIBERNATE_MERGE -> {
              HibernateItem item = hibernateItems.get(index);
              hibernate.inTransaction(session -> session.merge(item));
              yield "Session.merge: returned";
            }
            case JOOQ_BATCH_UPDATE -> "store(): returned " + jooqRecords.get(index).store();
            case SPRING_SAVE_ALL ->
                "save: returned version " + springRepository.save(springItems.get(index)).getVersion();
            default -> "not applicable";
          };
    } catch (RuntimeException e) {
      outcome = "threw " + e.getClass().getName();
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT name, amount, version FROM bench_item WHERE id = " + id)) {
      row.next();
      long version = row.getLong(3);
      return outcome
          + "; row "
          + id
          + " now holds name="
          + row.getString(1)
          + " amount="
          + row.getLong(2)
          + " version="
          + version
          + (version > 2 ? ": the other writer's change is overwritten, a LOST UPDATE" : "");
    }
  }

  /** Runs the approach's benchmark method once. */
  Object run() throws SQLException {
    return switch (approach) {
      case OPTILOCK -> optilockUpdateAll();
      case JDBC_ROW_BY_ROW -> jdbcRowByRow();
      case JDBC_BATCH -> jdbcBatch();
      case JDBC_SINGLE_STATEMENT -> jdbcSingleStatement();
      case HIBERNATE_UPDATE_MULTIPLE -> hibernateUpdateMultiple();
      case HIBERNATE_MERGE -> hibernateMerge();
      case JOOQ_BATCH_UPDATE -> jooqBatchUpdate();
      case SPRING_SAVE_ALL -> springSaveAll();
    };
  }

  @Benchmark
  public List<Long> optilockUpdateAll() {
    BatchResult<BenchItem> result = repository.updateAll(batch, ConflictPolicy.SKIP_CONFLICTS);
    List<Long> ids = new ArrayList<>(result.conflicts().size());
    for (Conflict<BenchItem> conflict : result.conflicts()) {
      ids.add((Long) conflict.id());
    }
    if (result.updated().size() + ids.size() != rows) {
      throw new IllegalStateException("updateAll wrote " + result.updated().size() + " rows");
    }
    reported = ids;
    return ids;
  }

  @Benchmark
  public List<Long> jdbcRowByRow() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(JdbcBenchmark.UPDATE)) {
      for (BenchItem item : batch) {
        statement.setString(1, item.name());
        statement.setLong(2, item.amount());
        statement.setLong(3, item.version() + 1);
        statement.setLong(4, item.id());
        statement.setLong(5, item.version());
        int count = statement.executeUpdate(); // auto-committed
        if (count == 0) {
          ids.add(item.id());
        } else if (count != 1) {
          throw new IllegalStateException("row " + item.id() + ": " + count + " rows changed");
        }
      }
    }
    reported = ids;
    return ids;
  }

  /**
   * PostgreSQL's floor (issue 17): the whole batch as one hand-written {@code UPDATE ... FROM
   * unnest(...) ... RETURNING t.id}, auto-committed; the conflicts are the ids it did not return.
   * PostgreSQL only: run it with {@code -p db=postgresql}.
   */
  @Benchmark
  public List<Long> jdbcSingleStatement() throws SQLException {
    if (database != Db.POSTGRESQL) {
      throw new IllegalStateException("jdbcSingleStatement is PostgreSQL's: run it with -p db=postgresql");
    }
    List<Long> ids = PairedBatch.singleStatement(dataSource, batch);
    reported = ids;
    return ids;
  }

  @Benchmark
  public List<Long> jdbcBatch() throws SQLException {
    List<Long> ids = PairedBatch.jdbcBatch(dataSource, batch);
    reported = ids;
    return ids;
  }

  @Benchmark
  public List<HibernateItem> hibernateUpdateMultiple() {
    List<HibernateItem> items = hibernateItems;
    try {
      hibernate.inStatelessTransaction(session -> session.updateMultiple(items));
      reported = List.of();
    } catch (StaleObjectStateException e) {
      thrown = e;
      reported = List.of((Long) e.getIdentifier());
    }
    return items;
  }

  @Benchmark
  public List<HibernateItem> hibernateMerge() {
    List<HibernateItem> items = hibernateItems;
    try {
      hibernate.inTransaction(
          session -> {
            int pending = 0;
            for (HibernateItem item : items) {
              session.merge(item);
              if (++pending == HIBERNATE_BATCH_SIZE) {
                session.flush();
                session.clear();
                pending = 0;
              }
            }
          });
      reported = List.of();
    } catch (OptimisticLockException e) {
      thrown = e;
      reported =
          e.getCause() instanceof StaleObjectStateException stale
              ? List.of((Long) stale.getIdentifier())
              : List.of();
    }
    return items;
  }

  @Benchmark
  public List<Long> jooqBatchUpdate() {
    List<BenchItemRecord> records = jooqRecords;
    int[] counts =
        jooq.transactionResult(configuration -> DSL.using(configuration).batchUpdate(records).execute());
    if (counts.length != records.size()) {
      throw new IllegalStateException(counts.length + " counts for " + records.size() + " records");
    }
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        ids.add(records.get(i).getId());
      } else if (counts[i] != 1) {
        throw new IllegalStateException(
            "row " + records.get(i).getId() + ": count " + counts[i] + ", conflicts unknown");
      }
    }
    reported = ids;
    return ids;
  }

  @Benchmark
  public Iterable<SpringItem> springSaveAll() {
    List<SpringItem> items = springItems;
    try {
      Iterable<SpringItem> saved = springRepository.saveAll(items);
      reported = List.of();
      return saved;
    } catch (OptimisticLockingFailureException e) {
      thrown = e;
      // Spring names the entity only in the message: "... versioned entity with id '100' ...".
      Matcher id = SPRING_ID.matcher(String.valueOf(e.getMessage()));
      reported = id.find() ? List.of(Long.parseLong(id.group(1))) : List.of();
      return items;
    }
  }
}
