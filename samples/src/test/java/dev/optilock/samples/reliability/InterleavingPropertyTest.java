package dev.optilock.samples.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.samples.reliability.LedgerModel.Op;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random interleavings of reads, updates, {@code tryUpdate}, {@code updateUnchecked}, deletes,
 * inserts, {@code isChanged}, {@code updateAll}, {@code deleteAll} (both policies) and two-row
 * transactions from three simulated clients, each holding its own fresh or stale copies of four
 * rows, checked step by step against {@link LedgerModel}.
 *
 * <p>A seeded-random property test: each database runs a fixed list of seeds, one dynamic test per
 * seed, and each seed's {@link java.util.Random} generates one sequence of 5 to 40 operations. The
 * seeds are fixed, so every run checks the same sequences. A failure names the database, the seed,
 * the failing step and the whole sequence; to replay it alone, run with {@code
 * -Doptilock.interleaving.seeds=<seed>} (a comma-separated list is accepted too).
 */
class InterleavingPropertyTest {
  static final int CLIENTS = 3;
  static final int ROWS = 4;
  static final int MIN_OPERATIONS = 5;
  static final int MAX_OPERATIONS = 40;

  /** Restricts every database to these seeds, to replay a failure. */
  static final String SEEDS_PROPERTY = "optilock.interleaving.seeds";

  private static final Map<TestDatabase, LedgerModel.Stats> STATS = new EnumMap<>(TestDatabase.class);
  private static final Map<TestDatabase, HikariDataSource> TABLES = new EnumMap<>(TestDatabase.class);

  /** Seeds 1001 to 1080. */
  @TestFactory
  Stream<DynamicTest> sqlite() {
    return sequences(TestDatabase.SQLITE, 1001, 80);
  }

  /** Seeds 2001 to 2080. */
  @TestFactory
  Stream<DynamicTest> postgresql() {
    return sequences(TestDatabase.POSTGRESQL, 2001, 80);
  }

  /** Seeds 3001 to 3060. */
  @TestFactory
  Stream<DynamicTest> mariadb() {
    return sequences(TestDatabase.MARIADB, 3001, 60);
  }

  private static Stream<DynamicTest> sequences(TestDatabase db, long firstSeed, int tries) {
    String only = System.getProperty(SEEDS_PROPERTY, "").trim();
    LongStream seeds = only.isEmpty()
        ? LongStream.range(firstSeed, firstSeed + tries)
        : Arrays.stream(only.split(",")).map(String::trim).mapToLong(Long::parseLong);
    return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
        () -> check(db, seed, operations(seed))));
  }

  private static void check(TestDatabase db, long seed, List<Op> operations) throws SQLException {
    HikariDataSource pool;
    synchronized (TABLES) {
      pool = TABLES.computeIfAbsent(db, d -> d.fresh("ledger"));
    }
    String table = db == TestDatabase.MARIADB ? "`ledger`" : "\"ledger\"";
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM " + table);
    }
    LedgerModel model = new LedgerModel(pool, CLIENTS, ROWS);
    int step = 0;
    try {
      for (Op op : operations) {
        step++;
        model.apply(op);
      }
    } catch (AssertionError | RuntimeException mismatch) {
      model.stats.mismatches++;
      throw new AssertionError(db + ", seed " + seed + ": the database disagrees with the model at step "
          + step + " of " + operations.size() + ": " + mismatch + "\n" + describe(operations, step)
          + "replay with -D" + SEEDS_PROPERTY + "=" + seed, mismatch);
    } finally {
      synchronized (STATS) {
        STATS.computeIfAbsent(db, d -> new LedgerModel.Stats()).add(model.stats);
      }
    }
    if (pool.getHikariPoolMXBean().getActiveConnections() != 0) {
      throw new AssertionError(db + ", seed " + seed + ": leaked connection after\n"
          + describe(operations, -1));
    }
  }

  /** The sequence, one operation a line, numbered from 1; {@code failed} marks the failing step. */
  static String describe(List<Op> operations, int failed) {
    StringBuilder text = new StringBuilder("operations:\n");
    for (int i = 0; i < operations.size(); i++) {
      text.append(i + 1 == failed ? " >> " : "    ").append(i + 1).append(". ")
          .append(operations.get(i)).append('\n');
    }
    return text.toString();
  }

  @AfterAll
  static void report() {
    STATS.forEach((db, stats) -> Figures.report("model-" + db.name().toLowerCase(Locale.ROOT),
        "model " + db + ": clients=" + CLIENTS + " rows=" + ROWS + " " + stats));
  }

  /**
   * The sequence of operations for {@code seed}: 5 to 40 operations, each chosen with these weights
   * (out of 23): read 4, readAll 1, update or tryUpdate 6, updateUnchecked 1, delete 2, isChanged 1,
   * insert 2, updateAll 3, deleteAll 1, transfer 2. Clients, ids (1 to 4), amounts (-1,000 to 1,000)
   * and policies are uniform; a batch names 1 to 4 distinct ids in random order.
   */
  static List<Op> operations(long seed) {
    Random random = new Random(mix(seed));
    int length = MIN_OPERATIONS + random.nextInt(MAX_OPERATIONS - MIN_OPERATIONS + 1);
    List<Op> operations = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      operations.add(operation(random));
    }
    return List.copyOf(operations);
  }

  private static Op operation(Random random) {
    int client = random.nextInt(CLIENTS);
    int pick = random.nextInt(23);
    if ((pick -= 4) < 0) {
      return new LedgerModel.Read(client, id(random));
    } else if ((pick -= 1) < 0) {
      return new LedgerModel.ReadAll(client);
    } else if ((pick -= 6) < 0) {
      return new LedgerModel.Update(client, id(random), amount(random), random.nextBoolean());
    } else if ((pick -= 1) < 0) {
      return new LedgerModel.UpdateUnchecked(client, id(random), amount(random));
    } else if ((pick -= 2) < 0) {
      return new LedgerModel.Delete(client, id(random));
    } else if ((pick -= 1) < 0) {
      return new LedgerModel.IsChanged(client, id(random));
    } else if ((pick -= 2) < 0) {
      return new LedgerModel.Insert(client, id(random), amount(random));
    } else if ((pick -= 3) < 0) {
      return new LedgerModel.UpdateAll(client, ids(random), amount(random), policy(random));
    } else if ((pick -= 1) < 0) {
      return new LedgerModel.DeleteAll(client, ids(random), policy(random));
    } else {
      return new LedgerModel.Transfer(client, id(random), id(random), amount(random));
    }
  }

  private static long id(Random random) {
    return 1 + random.nextInt(ROWS);
  }

  private static long amount(Random random) {
    return random.nextInt(2_001) - 1_000;
  }

  private static List<Long> ids(Random random) {
    List<Long> all = new ArrayList<>();
    for (long id = 1; id <= ROWS; id++) {
      all.add(id);
    }
    Collections.shuffle(all, random);
    return List.copyOf(all.subList(0, 1 + random.nextInt(ROWS)));
  }

  private static ConflictPolicy policy(Random random) {
    ConflictPolicy[] policies = ConflictPolicy.values();
    return policies[random.nextInt(policies.length)];
  }

  /**
   * SplitMix64's finalizer: consecutive seeds give unrelated {@link Random} streams (the first
   * values of {@code new Random(n)} and {@code new Random(n + 1)} are correlated).
   */
  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
