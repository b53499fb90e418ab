package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.samples.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A compare-and-set whose statement snapshot was taken just before the write that made the
 * entity's version committed: the row reads back with the entity's version right after the refused
 * statement. A PostgreSQL hot standby produces exactly that (it can show a commit before the
 * primary's other sessions see it, so an entity read there may carry a version the primary's next
 * statement does not see yet); PgStandbyTest met it under load. Here a statement-level trigger that
 * sleeps holds the compare-and-set between its snapshot and its scan while another transaction
 * commits version 2, so the race happens on every run. The update must run again and succeed, not
 * fail with "the version column holds it in another form".
 */
class LateSnapshotTest {

  @Test
  void aCompareAndSetOnASnapshotOlderThanItsVersionRunsAgainAndWrites() throws Exception {
    TestDatabase.POSTGRESQL.fresh("hot_counter");
    // a pool of its own: connections no other test has used or is holding
    try (HikariDataSource pool = TestDatabase.POSTGRESQL.newPool("late-snapshot", 3)) {
      run(pool);
    }
  }

  private static void run(HikariDataSource pool) throws Exception {
    HotCounterRepository counters = new HotCounterRepository(pool);
    counters.insert(new HotCounter(1, 0, "first", 0)); // version 1
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS late_runs");
      statement.execute("CREATE TABLE late_runs (n INTEGER NOT NULL)");
      statement.execute("""
          CREATE OR REPLACE FUNCTION late_sleep() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF coalesce(current_setting('optilock.fast', true), '') <> 'on' THEN
              INSERT INTO late_runs VALUES (1);
              PERFORM pg_sleep(0.5);
            END IF;
            RETURN NULL;
          END $$""");
      statement.execute("CREATE TRIGGER late BEFORE UPDATE ON hot_counter"
          + " FOR EACH STATEMENT EXECUTE FUNCTION late_sleep()");
    }
    try (Connection other = pool.getConnection()) {
      other.setAutoCommit(false);
      try (Statement statement = other.createStatement()) {
        statement.execute("SET LOCAL optilock.fast = 'on'");
        statement.executeUpdate(
            "UPDATE hot_counter SET hits = 50, last_writer = 'other', version = 2 WHERE id = 1");
      }
      // the entity as a standby ahead of the primary's snapshot shows it: version 2
      // its own thread: the common fork-join pool may be busy with other tests' work
      ExecutorService thread =
          Executors.newSingleThreadExecutor(task -> new Thread(task, "late-snapshot-update"));
      try {
        Future<HotCounter> late = thread.submit(
            () -> counters.update(new HotCounter(1, 51, "late", 2)));
        // watched from a connection of its own: inside other's transaction, pg_stat_activity
        // would keep showing the snapshot of its first read
        try (Connection watcher = pool.getConnection()) {
          awaitSleepingUpdate(watcher, late);
        }
        other.commit(); // version 2 commits after the compare-and-set took its snapshot
        other.setAutoCommit(true);
        HotCounter written = late.get(30, TimeUnit.SECONDS);
        assertEquals(3, written.version());
      } finally {
        thread.shutdownNow();
      }
    } finally {
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TRIGGER late ON hot_counter");
        statement.execute("DROP FUNCTION late_sleep()");
      }
    }
    HotCounter row = counters.findById(1L).orElseThrow();
    assertEquals(51, row.hits());
    assertEquals("late", row.lastWriter());
    assertEquals(3, row.version());
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet runs = statement.executeQuery("SELECT count(*) FROM late_runs")) {
      runs.next();
      // the first compare-and-set was refused (its snapshot showed version 1), the second wrote
      assertEquals(2, runs.getInt(1), "compare-and-set statements run");
      statement.execute("DROP TABLE late_runs");
    }
  }

  /** Waits until the repository's UPDATE sleeps in the trigger: its snapshot is taken. */
  private static void awaitSleepingUpdate(Connection connection, Future<HotCounter> late)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (late.isDone()) {
        throw new AssertionError("the update ended before the other transaction committed: "
            + late.get());
      }
      try (Statement statement = connection.createStatement();
          ResultSet sleeping = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
              + " WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()"
              + " AND query LIKE 'UPDATE \"hot_counter\"%'")) {
        sleeping.next();
        if (sleeping.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(10);
    }
    StringBuilder sessions = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT application_name, state, wait_event,"
            + " left(query, 100) FROM pg_stat_activity WHERE datname = current_database()")) {
      while (rows.next()) {
        sessions.append("\n  ").append(rows.getString(1)).append(" | ").append(rows.getString(2))
            .append(" | ").append(rows.getString(3)).append(" | ").append(rows.getString(4));
      }
    }
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (thread.getKey().getName().equals("late-snapshot-update")) {
        sessions.append("\nthe update's thread:");
        for (StackTraceElement frame : thread.getValue()) {
          sessions.append("\n  at ").append(frame);
        }
      }
    }
    assertTrue(false, "the repository's UPDATE never reached the trigger's sleep; sessions:"
        + sessions);
  }
}
