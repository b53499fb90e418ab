package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import dev.optilock.samples.control.Slot;
import dev.optilock.samples.control.SlotRepository;
import dev.optilock.samples.control.Tag;
import dev.optilock.samples.control.TagRepository;
import dev.optilock.samples.modelling.OrderLine;
import dev.optilock.samples.modelling.OrderLineRepository;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, item 6: batches over the same rows in different orders, run by real threads that a
 * barrier starts together, never deadlock. Round after round, four threads run {@code updateAll}
 * or {@code deleteAll} under either policy over overlapping rows, one in ascending key order, one
 * descending, two shuffled (and, for text keys, some keys spelt in upper case, which sorts them
 * elsewhere in Java than in the database). After every round, plain JDBC reads every row: each was
 * written by at most one thread, exactly the thread that reported writing it, and a thread whose
 * {@code ABORT_ALL} batch conflicted wrote nothing. The threads must really have collided (some
 * conflicts), and no call may fail otherwise (a deadlock fails the test).
 */
class OverlappingBatchesTest {
  /** Many small rounds: four threads, 16 of 24 rows each. */
  static final Shape SMALL = new Shape(24, 24, 16, 4, 12);
  /**
   * Batches larger than one statement's worth of keys (500 for the reads of a batch): two threads,
   * 1,000 of the first 1,200 rows each, in a table of 5,000 rows (large enough that MariaDB reads
   * the keys by index ranges rather than scanning, and locking, the whole table).
   */
  static final Shape LARGE = new Shape(5000, 1200, 1000, 2, 3);

  /** How many rows the table has, how many of them the batches draw from, and so on. */
  private record Shape(int tableRows, int rows, int perBatch, int threads, int rounds) {}

  /** One entity type under test, with plain-JDBC access to its table. */
  private record Subject<T>(
      String table,
      String keyColumns,
      String markColumn,
      String insert,
      /* the entity for row r, with a mark and version 1, its key spelt differently when asked */
      Maker<T> entity,
      /* the row an entity stands for */
      Function<T, Integer> row,
      /* the row a stored key (the key columns as text, joined with '/') stands for */
      Function<String, Integer> storedRow,
      Binder binder,
      Batch<T> updateAll,
      Batch<T> deleteAll) {}

  private interface Maker<T> {
    T make(int row, String mark, boolean otherSpelling);
  }

  private interface Batch<T> {
    BatchResult<T> run(List<T> entities, ConflictPolicy policy);
  }

  /** Binds row r's key and its mark into {@code insert}. */
  private interface Binder {
    void bind(PreparedStatement insert, int row) throws SQLException;
  }

  static Stream<Arguments> subjects() {
    List<Arguments> arguments = new ArrayList<>();
    for (TestDatabase db : TestDatabase.values()) {
      for (String subject : List.of("article", "tag", "order_line", "slot")) {
        arguments.add(Arguments.of(db, subject));
      }
    }
    return arguments.stream();
  }

  private static Subject<?> subject(String name, DataSource pool) {
    return switch (name) {
      case "article" -> {
        ArticleRepository articles = new ArticleRepository(pool);
        yield new Subject<Article>("article", "id", "title",
            "INSERT INTO article (id, title, body, version) VALUES (?, 'start', '', 1)",
            (r, mark, other) -> new Article(r + 1, mark, "", 1),
            a -> (int) a.id() - 1,
            key -> Integer.parseInt(key) - 1,
            (insert, r) -> insert.setLong(1, r + 1),
            articles::updateAll, articles::deleteAll);
      }
      case "tag" -> {
        TagRepository tags = new TagRepository(pool);
        yield new Subject<Tag>("tag", "name", "label",
            "INSERT INTO tag (name, label, version) VALUES (?, 'start', 1)",
            (r, mark, other) -> new Tag(tagName(r, other), mark, 1),
            t -> Integer.parseInt(t.name().substring(1)),
            key -> Integer.parseInt(key.substring(1)),
            (insert, r) -> insert.setString(1, tagName(r, false)),
            tags::updateAll, tags::deleteAll);
      }
      case "order_line" -> {
        OrderLineRepository lines = new OrderLineRepository(pool);
        yield new Subject<OrderLine>("order_line", "order_id, line_no", "product",
            "INSERT INTO order_line (order_id, line_no, product, quantity, version)"
                + " VALUES (?, ?, 'start', 1, 1)",
            (r, mark, other) -> new OrderLine(r / 5 + 1, r % 5 + 1, mark, 1, 1),
            l -> (int) (l.orderId() - 1) * 5 + l.lineNo() - 1,
            key -> (Integer.parseInt(key.split("/")[0]) - 1) * 5 + Integer.parseInt(key.split("/")[1]) - 1,
            (insert, r) -> {
              insert.setLong(1, r / 5 + 1);
              insert.setInt(2, r % 5 + 1);
            },
            lines::updateAll, lines::deleteAll);
      }
      case "slot" -> {
        SlotRepository slots = new SlotRepository(pool);
        yield new Subject<Slot>("slot", "aisle, position", "item",
            "INSERT INTO slot (aisle, position, item, version) VALUES (?, ?, 'start', 1)",
            (r, mark, other) -> new Slot(aisle(r, other), r % 5, mark, 1),
            s -> Integer.parseInt(s.aisle().substring(1)) * 5 + s.position(),
            key -> Integer.parseInt(key.split("/")[0].substring(1)) * 5 + Integer.parseInt(key.split("/")[1]),
            (insert, r) -> {
              insert.setString(1, aisle(r, false));
              insert.setInt(2, r % 5);
            },
            slots::updateAll, slots::deleteAll);
      }
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** k00 ... k23, or K00 ... K23: the same rows in a case-insensitive column. */
  private static String tagName(int row, boolean upper) {
    return String.format(Locale.ROOT, upper ? "K%02d" : "k%02d", row);
  }

  private static String aisle(int row, boolean upper) {
    return (upper ? "A" : "a") + row / 5;
  }

  /** What one thread's call did in one round. */
  private record Outcome(
      int thread, boolean update, ConflictPolicy policy, List<Integer> batch, Set<Integer> written,
      Set<Integer> conflicts, boolean aborted, Throwable failure) {}

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("subjects")
  void overlappingBatchesInDifferentOrdersSerialiseWithoutDeadlock(TestDatabase db, String name)
      throws Exception {
    run(db, name, SMALL);
  }

  static Stream<Arguments> largeSubjects() {
    List<Arguments> arguments = new ArrayList<>();
    for (TestDatabase db : TestDatabase.values()) {
      for (String subject : List.of("article", "tag")) {
        arguments.add(Arguments.of(db, subject));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("largeSubjects")
  void largeOverlappingBatchesInOppositeOrdersSerialiseWithoutDeadlock(TestDatabase db, String name)
      throws Exception {
    run(db, name, LARGE);
  }

  private static void run(TestDatabase db, String name, Shape shape) throws Exception {
    db.fresh(name);
    try (HikariDataSource pool =
        db.newPool("optilock-overlap-" + ProcessHandle.current().pid(), shape.threads() + 1)) {
      run(db, subject(name, pool), pool, shape);
    }
  }

  private static <T> void run(TestDatabase db, Subject<T> subject, HikariDataSource pool, Shape shape)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(shape.threads());
    Random random = new Random(20240506L + subject.table().hashCode());
    long conflicts = 0;
    long written = 0;
    long aborted = 0;
    List<String> problems = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int round = 0; round < shape.rounds(); round++) {
        reset(pool, subject, shape.tableRows());
        CyclicBarrier barrier = new CyclicBarrier(shape.threads());
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int t = 0; t < shape.threads(); t++) {
          List<Integer> rows = new ArrayList<>();
          for (int r = 0; r < shape.rows(); r++) {
            rows.add(r);
          }
          Collections.shuffle(rows, random);
          List<Integer> batch = new ArrayList<>(rows.subList(0, shape.perBatch()));
          switch (t) {
            case 0 -> Collections.sort(batch);
            case 1 -> batch.sort(Collections.reverseOrder());
            default -> {} // shuffled
          }
          boolean update = t == 0 || random.nextInt(10) < 7;
          ConflictPolicy policy = random.nextBoolean() ? ConflictPolicy.SKIP_CONFLICTS : ConflictPolicy.ABORT_ALL;
          String mark = "t" + t + "r" + round;
          List<T> entities = new ArrayList<>();
          for (int r : batch) {
            entities.add(subject.entity().make(r, mark, random.nextBoolean()));
          }
          int thread = t;
          futures.add(threads.submit(() -> {
            barrier.await(30, TimeUnit.SECONDS);
            try {
              BatchResult<T> result = update
                  ? subject.updateAll().run(entities, policy)
                  : subject.deleteAll().run(entities, policy);
              Set<Integer> done = new LinkedHashSet<>();
              result.updated().forEach(e -> done.add(subject.row().apply(e)));
              Set<Integer> lost = new LinkedHashSet<>();
              result.conflicts().forEach(c -> lost.add(subject.row().apply(c.target())));
              return new Outcome(thread, update, policy, batch, done, lost, false, null);
            } catch (BatchConflictException e) {
              Set<Integer> lost = new LinkedHashSet<>();
              for (Conflict<?> c : e.conflicts()) {
                @SuppressWarnings("unchecked")
                T target = (T) c.target();
                lost.add(subject.row().apply(target));
              }
              return new Outcome(thread, update, policy, batch, Set.of(), lost, true, null);
            } catch (RuntimeException e) {
              return new Outcome(thread, update, policy, batch, Set.of(), Set.of(), false, e);
            }
          }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
          outcomes.add(future.get(120, TimeUnit.SECONDS));
        }
        Map<Integer, String[]> stored = stored(pool, subject);
        check(round, outcomes, stored, shape.tableRows(), problems);
        for (Outcome o : outcomes) {
          conflicts += o.conflicts().size();
          written += o.written().size();
          aborted += o.aborted() ? 1 : 0;
        }
      }
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "threads did not stop");
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Figures.report("overlap-" + db.name().toLowerCase(Locale.ROOT) + "-" + subject.table() + "-" + shape.tableRows(),
        String.format("overlapping batches %s %s: rounds=%d threads=%d rows=%d perBatch=%d"
                + " rowsWritten=%d conflicts=%d abortedBatches=%d problems=%d elapsedMs=%d",
            db, subject.table(), shape.rounds(), shape.threads(), shape.rows(), shape.perBatch(), written, conflicts, aborted,
            problems.size(), millis));
    assertEquals(List.of(), problems);
    assertTrue(conflicts > 0, "the threads never collided");
    assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "leaked connections");
  }

  private static void check(
      int round, List<Outcome> outcomes, Map<Integer, String[]> stored, int rows,
      List<String> problems) {
    for (Outcome o : outcomes) {
      String who = "round " + round + " thread " + o.thread() + " (" + (o.update() ? "updateAll" : "deleteAll")
          + ", " + o.policy() + ")";
      if (o.failure() != null) {
        problems.add(who + " failed: " + o.failure());
        continue;
      }
      Set<Integer> accounted = new LinkedHashSet<>(o.written());
      accounted.addAll(o.conflicts());
      if (o.aborted()) {
        if (o.conflicts().isEmpty() || !o.batch().containsAll(o.conflicts())) {
          problems.add(who + " aborted with conflicts " + o.conflicts() + " for batch " + o.batch());
        }
      } else if (!accounted.equals(Set.copyOf(o.batch())) || accounted.size() != o.written().size() + o.conflicts().size()) {
        problems.add(who + " wrote " + o.written() + " and conflicted on " + o.conflicts()
            + ", but its batch was " + o.batch());
      }
    }
    for (int r = 0; r < rows; r++) {
      List<Outcome> writers = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.written().contains(r)) {
          writers.add(o);
        }
      }
      String[] row = stored.get(r);
      String where = "round " + round + " row " + r + ": ";
      if (writers.size() > 1) {
        problems.add(where + writers.size() + " threads reported writing it");
      } else if (row == null) {
        if (writers.isEmpty() || writers.get(0).update()) {
          problems.add(where + "gone, but no thread reported deleting it");
        }
      } else if (row[1].equals("1")) {
        if (!writers.isEmpty() || !row[0].equals("start")) {
          problems.add(where + "unchanged (" + row[0] + "), but reported written by " + writers);
        }
      } else if (!row[1].equals("2") || writers.isEmpty() || !writers.get(0).update()
          || !row[0].equals("t" + writers.get(0).thread() + "r" + round)) {
        problems.add(where + "stored " + row[0] + " at version " + row[1] + ", reported written by "
            + writers.stream().map(Outcome::thread).toList());
      }
    }
  }

  private static void reset(DataSource pool, Subject<?> subject, int rows) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("DELETE FROM " + subject.table());
      }
      try (PreparedStatement insert = connection.prepareStatement(subject.insert())) {
        for (int r = 0; r < rows; r++) {
          subject.binder().bind(insert, r);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
      connection.setAutoCommit(true);
    }
  }

  /** row → {mark, version}, read with plain JDBC. */
  private static Map<Integer, String[]> stored(DataSource pool, Subject<?> subject) throws SQLException {
    Map<Integer, String[]> rows = new HashMap<>();
    int keys = subject.keyColumns().split(",").length;
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery("SELECT " + subject.keyColumns() + ", "
            + subject.markColumn() + ", version FROM " + subject.table())) {
      while (resultSet.next()) {
        StringBuilder key = new StringBuilder(resultSet.getString(1));
        for (int i = 2; i <= keys; i++) {
          key.append('/').append(resultSet.getString(i));
        }
        rows.put(subject.storedRow().apply(key.toString().toLowerCase(Locale.ROOT)),
            new String[] {resultSet.getString(keys + 1), resultSet.getString(keys + 2)});
      }
    }
    return rows;
  }
}
