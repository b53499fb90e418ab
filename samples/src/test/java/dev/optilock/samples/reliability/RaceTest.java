package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.samples.reliability.Race.Kind;
import dev.optilock.samples.reliability.Race.Outcome;
import dev.optilock.samples.reliability.RaceSubject.Calls;
import dev.optilock.samples.reliability.RaceSubject.Version;
import dev.optilock.samples.testing.Rows;
import dev.optilock.samples.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write path raced on every database, for every version strategy, a class entity, a
 * composite key and a converter ({@link RaceSubject#all()}): {@code update}, {@code tryUpdate},
 * {@code delete}, {@code updateAll} and {@code deleteAll} under both policies, unchecked writes
 * (inside {@code OptimisticLocking.disable()} and {@code updateUnchecked}) against checked ones,
 * {@code ifUnchanged}, and {@code modify}.
 *
 * <p>Eight threads race on a few hot rows ({@link Race}). In every round all of them first read
 * the rows, then write, each writing a token no other call writes. After every round the rows are
 * read with plain JDBC ({@link Rows}) and checked against the calls' reports, row by row:
 *
 * <ul>
 *   <li>the writes reported successful form one history: starting from the version the row had,
 *       each checked write's expected version is the version the previous write left, never two
 *       from the same version (that would be a lost update), and every reported write is in it (a
 *       write reported but not made is a phantom);
 *   <li>the row holds exactly the last write's token and version (or is gone after a reported
 *       delete, and only then); counters moved by exactly one per write;
 *   <li>no call failed with anything but a conflict, no conflict was reported for a row that still
 *       had the caller's version, and each round some call won.
 * </ul>
 *
 * <p>Each race also proves that it raced: some calls were refused as conflicts, and calls of
 * different threads on one row were in flight at the same time ({@link Race#run}).
 */
class RaceTest {
  static final int THREADS = 8;
  static final int MIN_ROUNDS = 4;
  static final int MAX_ROUNDS = 40;
  /** Rows the single-row races share: four threads per row. */
  static final int PAIR = 2;
  /** Rows the batch and {@code ifUnchanged} races cover. */
  static final int HOT = 4;
  static final RetryPolicy PATIENT =
      new RetryPolicy(1000, Duration.ofMillis(1), Duration.ofMillis(20));

  /** Totals per database and race, for target/reliability/races-*.txt. */
  private static final Map<TestDatabase, Map<String, long[]>> FIGURES =
      Collections.synchronizedMap(new EnumMap<>(TestDatabase.class));

  @AfterAll
  static void report() {
    FIGURES.forEach((db, races) -> {
      StringBuilder line = new StringBuilder("races " + db + ":");
      long[] all = new long[6];
      races.forEach((race, f) -> {
        line.append(String.format(" %s[tests=%d calls=%d written=%d deleted=%d conflicts=%d"
            + " overlaps=%d]", race, f[0], f[1], f[2], f[3], f[4], f[5]));
        for (int i = 0; i < all.length; i++) {
          all[i] += f[i];
        }
      });
      line.append(String.format(" total[tests=%d calls=%d written=%d deleted=%d conflicts=%d"
          + " overlaps=%d lostOrPhantomWrites=0]", all[0], all[1], all[2], all[3], all[4], all[5]));
      Figures.report("races-" + db.name().toLowerCase(Locale.ROOT), line.toString());
    });
  }

  // ------------------------------------------------------------------ the races

  /** The races, each with the number of hot rows it shares among its threads. */
  enum Path {
    /** Four threads per row: two {@code update}, two {@code tryUpdate}, from the same version. */
    UPDATE(PAIR),
    /** Four threads per row: two {@code delete}, two {@code update}; exactly one of them wins. */
    DELETE(PAIR),
    /** Six {@code updateAll} and two {@code deleteAll} over overlapping rows, ABORT_ALL. */
    BATCH_ABORT_ALL(HOT),
    /** Six {@code updateAll} and two {@code deleteAll} over overlapping rows, SKIP_CONFLICTS. */
    BATCH_SKIP_CONFLICTS(HOT),
    /**
     * {@code updateAll} over the same rows, half of the threads in the opposite order: many rounds,
     * since two batches deadlock only when each gets its first row before the other's batch ends.
     */
    BATCH_OPPOSITE_ORDERS(HOT, 30),
    /**
     * Per row, one thread writes without the check (inside {@code OptimisticLocking.disable()} or
     * through {@code updateUnchecked}, by turns) and three with it: the unchecked write always
     * lands, a checked one only while nobody wrote since its read.
     */
    UNCHECKED(PAIR),
    /**
     * Four threads run {@code ifUnchanged} over all four rows, with an action that updates them, and
     * four update single rows: at most one of them wins each row, and the action never finds a row
     * changed under it.
     */
    IF_UNCHANGED(HOT),
    /** Four threads per row in {@code modify}, which rereads and retries: every call lands. */
    MODIFY(PAIR);

    final int rows;
    final int minRounds;

    Path(int rows) {
      this(rows, MIN_ROUNDS);
    }

    Path(int rows, int minRounds) {
      this.rows = rows;
      this.minRounds = minRounds;
    }
  }

  /**
   * Every race but the disabled one, on every database, for every subject (the UNCHECKED race of
   * TIMESTAMP subjects too: before the fix that
   * UncheckedWritesTest#anUncheckedTimestampWriteNeverReusesTheVersionTheRowHas proves, an
   * unchecked TIMESTAMP write could give a row the version the checked write before it gave it).
   */
  static Stream<Arguments> races() {
    return Stream.of(Path.values())
        .filter(path -> path != Path.BATCH_OPPOSITE_ORDERS)
        .flatMap(path -> Stream.of(TestDatabase.values()).flatMap(db ->
            RaceSubject.all().stream()
                .map(subject -> Arguments.of(path, db, subject))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("races")
  void race(Path path, TestDatabase db, RaceSubject<?> subject) throws Exception {
    play(db, subject, path);
  }

  /**
   * Batches over the same rows in opposite orders, for at least 30 rounds. Before batches locked
   * their rows in key order (issue 12 item 6), two of them deadlocked on PostgreSQL (40P01,
   * "deadlock detected") within a few rounds.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void batchesInOppositeOrders(TestDatabase db) throws Exception {
    play(db, RaceSubject.article(), Path.BATCH_OPPOSITE_ORDERS);
  }

  // ------------------------------------------------------------------ machinery

  private static <T> void play(TestDatabase db, RaceSubject<T> subject, Path path)
      throws InterruptedException {
    Run<T> run = new Run<>(db, subject, path.rows);
    Race.Totals totals = Race.run(THREADS, path.minRounds, Math.max(MAX_ROUNDS, path.minRounds),
        run::prepare,
        (thread, round, barrier) -> run.play(path, thread, round, barrier), run::check);
    long[] f = FIGURES.computeIfAbsent(db, d -> Collections.synchronizedMap(new TreeMap<>()))
        .computeIfAbsent(path.name().toLowerCase(Locale.ROOT), n -> new long[6]);
    synchronized (f) {
      f[0]++;
      f[1] += totals.calls;
      f[2] += totals.written;
      f[3] += totals.deleted;
      f[4] += totals.conflicts;
      f[5] += totals.overlaps;
    }
  }

  /** A row as the oracle reads it. */
  record StoredRow(String token, Object version) {}

  /** One race of one subject on one database: its rows, its calls and its oracle. */
  private static final class Run<T> {
    final TestDatabase db;
    final RaceSubject<T> subject;
    final DataSource dataSource;
    final Calls<T> calls;
    final int hot;
    final List<String> keys = new ArrayList<>();
    final List<T> inserted = new ArrayList<>();
    /** The rows at the start of the current round, read with plain JDBC. */
    Map<String, StoredRow> before;

    Run(TestDatabase db, RaceSubject<T> subject, int hot) {
      this.db = db;
      this.subject = subject;
      this.hot = hot;
      this.dataSource = db.fresh(subject.table);
      this.calls = subject.calls(dataSource);
      for (int i = 0; i < hot; i++) {
        T row = calls.insert().apply(subject.unsaved(i));
        inserted.add(row);
        keys.add(subject.key(row));
      }
    }

    // ---- the oracle

    Map<String, StoredRow> stored() {
      int k = subject.keyColumns.size();
      Map<String, StoredRow> rows = new LinkedHashMap<>();
      Rows.query(dataSource, subject.selectSql(db), row -> {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i <= k; i++) {
          key.append(i == 1 ? "" : "/").append(row.getString(i));
        }
        return Map.entry(key.toString(),
            new StoredRow(row.getString(k + 1), subject.version.read(db, row, k + 2)));
      }).forEach(e -> rows.put(e.getKey(), e.getValue()));
      return rows;
    }

    /** Before a round: rows deleted in the last one come back, then the oracle reads them all. */
    void prepare(int round) {
      Map<String, StoredRow> now = before == null ? stored() : before;
      boolean restored = false;
      for (int i = 0; i < hot; i++) {
        if (!now.containsKey(keys.get(i))) {
          calls.insert().apply(subject.unsaved(i));
          restored = true;
        }
      }
      before = restored ? stored() : now;
    }

    /** After a round: the calls' reports against what the rows hold. */
    void check(int round, List<Outcome> outcomes) {
      Map<String, StoredRow> after = stored();
      List<String> problems = new ArrayList<>();
      outcomes.stream().filter(o -> o.kind() == Kind.FAILED).forEach(o -> problems.add("failed: " + o));
      boolean anyWon = false;
      for (String key : keys) {
        StoredRow start = before.get(key);
        List<Outcome> wins = outcomes.stream()
            .filter(o -> o.row().equals(key) && o.succeeded())
            .collect(Collectors.toCollection(ArrayList::new));
        anyWon |= !wins.isEmpty();
        Object version = start.version();
        String token = start.token();
        StoredRow end = after.get(key);
        boolean gone = false;
        boolean lost = false;
        while (!wins.isEmpty() && !gone && !lost) {
          Object from = version;
          List<Outcome> next = wins.stream().filter(o -> o.checked() && from.equals(o.expected())).toList();
          if (next.size() > 1) {
            problems.add("row " + key + ": " + next.size() + " writes reported success from version "
                + from + ", a lost update: " + next + "; the row holds " + end);
            lost = true;
            continue;
          }
          Outcome o = next.isEmpty()
              ? wins.stream().filter(w -> !w.checked()).findFirst().orElse(null) : next.get(0);
          if (o == null) {
            break;
          }
          wins.remove(o);
          if (o.kind() == Kind.DELETED) {
            gone = true;
            continue;
          }
          if (o.version().equals(version)
              || subject.version.counter && !o.version().equals((Long) version + 1)) {
            problems.add("row " + key + ": " + o + " moved the version from " + version + " to "
                + o.version());
          }
          version = o.version();
          token = subject.tokenText(o.token());
        }
        if (lost) {
          continue;
        }
        if (!wins.isEmpty()) {
          problems.add("row " + key + ": writes reported successful that are not in the row's"
              + " history (started at version " + start.version() + "), phantom writes: " + wins
              + "; the row holds " + end);
        }
        StoredRow expected = gone ? null : new StoredRow(token, version);
        if (!Objects.equals(expected, end)) {
          problems.add("row " + key + " holds " + end + ", but the calls reported "
              + (gone ? "it deleted" : expected) + " last (it held " + start + " before the round)");
        }
      }
      if (!anyWon) {
        problems.add("no call succeeded in the round");
      }
      if (!problems.isEmpty()) {
        fail(db + " " + subject + ", round " + round + ": " + problems.size() + " problem(s):\n  "
            + problems.stream().limit(20).collect(Collectors.joining("\n  ")));
      }
      before = after;
    }

    // ---- reading and calling

    /** The hot rows as the repository reads them now, in key order. */
    List<T> read() {
      Map<String, T> byKey = new LinkedHashMap<>();
      for (T row : calls.findAll().get()) {
        byKey.put(subject.key(row), row);
      }
      List<T> rows = new ArrayList<>();
      for (String key : keys) {
        T row = byKey.get(key);
        if (row == null) {
          throw new IllegalStateException("row " + key + " missing at the start of a round");
        }
        rows.add(row);
      }
      return rows;
    }

    static int token(int thread, int round) {
      return 1 + round * THREADS + thread;
    }

    /** One single-row call: its result (null when it reports "not written" without throwing). */
    Outcome single(int thread, int round, String call, T copy, int token, boolean checked,
        boolean deletes, Callable<T> work) {
      String row = subject.key(copy);
      Object expected = subject.version(copy);
      long start = System.nanoTime();
      Kind kind;
      Object version = null;
      String problem = null;
      try {
        T result = work.call();
        if (result == null) {
          kind = Kind.CONFLICT;
        } else if (deletes) {
          kind = Kind.DELETED;
        } else {
          kind = Kind.WRITTEN;
          version = subject.version(result);
        }
      } catch (RecordModifiedException e) {
        kind = Kind.CONFLICT;
        problem = conflictProblem(expected, e.expectedVersion(), e.actualVersion().orElse(null),
            checked);
      } catch (Exception e) {
        kind = Kind.FAILED;
        problem = e.toString();
      }
      if (problem != null) {
        kind = Kind.FAILED;
      }
      return new Outcome(thread, round, call, row, kind, checked, expected, version, token, problem,
          start, System.nanoTime());
    }

    /** What is wrong with a conflict, or null: it must name the caller's version and a newer one. */
    static String conflictProblem(Object expected, Object reportedExpected, Object actual,
        boolean checked) {
      if (!checked) {
        return "an unchecked write was refused although its row exists";
      }
      if (!expected.equals(Version.canonical(reportedExpected))) {
        return "the conflict reports expected version " + reportedExpected;
      }
      if (actual != null && expected.equals(Version.canonical(actual))) {
        return "a conflict although the row still has version " + actual;
      }
      return null;
    }

    /** One batch call over {@code copies}: one outcome per row. */
    List<Outcome> batch(int thread, int round, List<T> copies, ConflictPolicy policy,
        boolean deletes) {
      int token = token(thread, round);
      String call = (deletes ? "deleteAll " : "updateAll ") + policy;
      List<T> mine = copies.stream().map(c -> deletes ? c : subject.withToken(c, token)).toList();
      Map<String, Object> expected = new LinkedHashMap<>();
      copies.forEach(c -> expected.put(subject.key(c), subject.version(c)));
      List<Outcome> outcomes = new ArrayList<>();
      long start = System.nanoTime();
      try {
        BatchResult<T> result = deletes ? calls.deleteAll().apply(mine, policy)
            : calls.updateAll().apply(mine, policy);
        long end = System.nanoTime();
        Set<String> reported = new HashSet<>();
        String problem = policy == ConflictPolicy.ABORT_ALL && result.hasConflicts()
            ? "ABORT_ALL returned conflicts instead of throwing" : null;
        for (T done : deletes ? result.deleted() : result.updated()) {
          String key = subject.key(done);
          reported.add(key);
          outcomes.add(new Outcome(thread, round, call, key,
              problem != null ? Kind.FAILED : deletes ? Kind.DELETED : Kind.WRITTEN, true,
              expected.get(key), deletes ? null : subject.version(done), token, problem, start, end));
        }
        for (Conflict<T> conflict : result.conflicts()) {
          String key = subject.key(conflict.target());
          reported.add(key);
          String wrong = conflictProblem(expected.get(key), conflict.expectedVersion(),
              conflict.actualVersion().orElse(null), true);
          outcomes.add(new Outcome(thread, round, call, key, wrong == null ? Kind.CONFLICT : Kind.FAILED,
              true, expected.get(key), null, token, wrong, start, end));
        }
        if (!reported.equals(expected.keySet())
            || result.conflicts().size() + (deletes ? result.deleted() : result.updated()).size()
                != copies.size()) {
          outcomes.add(new Outcome(thread, round, call, subject.key(copies.get(0)), Kind.FAILED,
              true, null, null, token, "the result does not list each row once: " + result, start,
              end));
        }
      } catch (BatchConflictException e) {
        long end = System.nanoTime();
        String problem = policy != ConflictPolicy.ABORT_ALL ? "SKIP_CONFLICTS threw " + e
            : e.conflicts().isEmpty() ? "a BatchConflictException without conflicts" : null;
        for (Conflict<?> conflict : e.conflicts()) {
          String key = conflict.target() == null ? null : keyOf(conflict.target());
          String wrong = key == null ? "a conflict without its entity"
              : conflictProblem(expected.get(key), conflict.expectedVersion(),
                  conflict.actualVersion().orElse(null), true);
          problem = problem == null ? wrong : problem;
        }
        for (T copy : copies) {
          String key = subject.key(copy);
          outcomes.add(new Outcome(thread, round, call, key, problem == null ? Kind.CONFLICT : Kind.FAILED,
              true, expected.get(key), null, token, problem, start, end));
        }
      } catch (RuntimeException e) {
        long end = System.nanoTime();
        for (T copy : copies) {
          String key = subject.key(copy);
          outcomes.add(new Outcome(thread, round, call, key, Kind.FAILED, true, expected.get(key),
              null, token, e.toString(), start, end));
        }
      }
      return outcomes;
    }

    @SuppressWarnings("unchecked")
    private String keyOf(Object entity) {
      return subject.key((T) entity);
    }

    // ---- the scenarios

    List<Outcome> play(Path path, int thread, int round, Runnable barrier) {
      return switch (path) {
        case UPDATE -> updateAndTryUpdate(thread, round, barrier);
        case DELETE -> deleteAgainstUpdate(thread, round, barrier);
        case BATCH_ABORT_ALL -> batches(ConflictPolicy.ABORT_ALL, thread, round, barrier);
        case BATCH_SKIP_CONFLICTS -> batches(ConflictPolicy.SKIP_CONFLICTS, thread, round, barrier);
        case BATCH_OPPOSITE_ORDERS -> batchesInOppositeOrders(thread, round, barrier);
        case UNCHECKED -> uncheckedAgainstChecked(thread, round, barrier);
        case IF_UNCHANGED -> ifUnchangedAgainstUpdate(thread, round, barrier);
        case MODIFY -> modify(thread, round, barrier);
      };
    }

    /** Row of a single-row race: threads 0,1 and 4,5 on one row, 2,3 and 6,7 on the other. */
    static int pairRow(int thread, int round) {
      return (thread / 2 + round) % PAIR;
    }

    List<Outcome> updateAndTryUpdate(int thread, int round, Runnable barrier) {
      T copy = read().get(pairRow(thread, round));
      barrier.run();
      int token = token(thread, round);
      T mine = subject.withToken(copy, token);
      return List.of(thread % 2 == 0
          ? single(thread, round, "update", copy, token, true, false, () -> calls.update().apply(mine))
          : single(thread, round, "tryUpdate", copy, token, true, false,
              () -> calls.tryUpdate().apply(mine).orElse(null)));
    }

    List<Outcome> deleteAgainstUpdate(int thread, int round, Runnable barrier) {
      T copy = read().get(pairRow(thread, round));
      barrier.run();
      int token = token(thread, round);
      if (thread % 2 == 0) {
        return List.of(single(thread, round, "delete", copy, token, true, true, () -> {
          calls.delete().accept(copy);
          return copy;
        }));
      }
      T mine = subject.withToken(copy, token);
      return List.of(single(thread, round, "update", copy, token, true, false,
          () -> calls.update().apply(mine)));
    }

    List<Outcome> batches(ConflictPolicy policy, int thread, int round, Runnable barrier) {
      List<T> rows = new ArrayList<>(read());
      rows.remove((thread + round) % hot); // every batch leaves one row out: they overlap, unevenly
      barrier.run();
      return batch(thread, round, rows, policy, thread >= 6);
    }

    List<Outcome> batchesInOppositeOrders(int thread, int round, Runnable barrier) {
      List<T> rows = new ArrayList<>(read());
      if (thread % 2 == 1) {
        Collections.reverse(rows);
      }
      barrier.run();
      return batch(thread, round, rows, ConflictPolicy.SKIP_CONFLICTS, false);
    }

    List<Outcome> uncheckedAgainstChecked(int thread, int round, Runnable barrier) {
      T copy = read().get(pairRow(thread, round));
      barrier.run();
      int token = token(thread, round);
      T mine = subject.withToken(copy, token);
      if (thread == 0 || thread == 2) { // one unchecked writer per row
        if (round % 2 == 0) {
          return List.of(single(thread, round, "updateUnchecked", copy, token, false, false,
              () -> calls.updateUnchecked().apply(mine)));
        }
        return List.of(single(thread, round, "update in disable()", copy, token, false, false, () -> {
          try (OptimisticLocking.Scope off = OptimisticLocking.disable()) {
            return calls.update().apply(mine);
          }
        }));
      }
      return List.of(single(thread, round, "update", copy, token, true, false,
          () -> calls.update().apply(mine)));
    }

    List<Outcome> ifUnchangedAgainstUpdate(int thread, int round, Runnable barrier) {
      List<T> rows = read();
      barrier.run();
      int token = token(thread, round);
      if (thread % 2 == 1) {
        T copy = rows.get((thread / 2 + round) % hot);
        T mine = subject.withToken(copy, token);
        return List.of(single(thread, round, "update", copy, token, true, false,
            () -> calls.update().apply(mine)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      long start = System.nanoTime();
      try {
        List<T> written = calls.ifUnchanged().apply(rows,
            () -> rows.stream().map(r -> calls.update().apply(subject.withToken(r, token))).toList());
        long end = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
          outcomes.add(new Outcome(thread, round, "ifUnchanged", subject.key(rows.get(i)),
              Kind.WRITTEN, true, subject.version(rows.get(i)), subject.version(written.get(i)),
              token, null, start, end));
        }
      } catch (BatchConflictException e) {
        long end = System.nanoTime();
        for (T row : rows) {
          outcomes.add(new Outcome(thread, round, "ifUnchanged", subject.key(row),
              e.conflicts().isEmpty() ? Kind.FAILED : Kind.CONFLICT, true, subject.version(row),
              null, token, e.conflicts().isEmpty() ? "no conflicts listed" : null, start, end));
        }
      } catch (RuntimeException e) {
        long end = System.nanoTime();
        for (T row : rows) {
          outcomes.add(new Outcome(thread, round, "ifUnchanged", subject.key(row), Kind.FAILED,
              true, subject.version(row), null, token,
              "the action failed although its rows were locked: " + e, start, end));
        }
      }
      return outcomes;
    }

    List<Outcome> modify(int thread, int round, Runnable barrier) {
      T row = inserted.get(thread % PAIR);
      int token = token(thread, round);
      Object[] lastRead = new Object[1];
      int[] attempts = {0};
      barrier.run();
      long start = System.nanoTime();
      Outcome outcome = single(thread, round, "modify", row, token, true, false,
          () -> calls.modify().modify(row, read -> {
            attempts[0]++;
            lastRead[0] = subject.version(read);
            return subject.withToken(read, token);
          }, PATIENT));
      List<Outcome> outcomes = new ArrayList<>();
      // the attempts before the last one each lost a race: conflicts, as the retry policy saw them
      for (int i = 1; i < attempts[0]; i++) {
        outcomes.add(new Outcome(thread, round, "modify attempt", outcome.row(), Kind.CONFLICT,
            true, null, null, token, null, start, outcome.endNanos()));
      }
      outcomes.add(new Outcome(thread, round, "modify", outcome.row(), outcome.kind(), true,
          lastRead[0], outcome.version(), token, outcome.problem(), outcome.startNanos(),
          outcome.endNanos()));
      return outcomes;
    }
  }
}
