package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;
import java.util.Optional;

/**
 * A pool of one connection, on every database: the failure path's extra SELECT must run after the
 * failed statement gave its connection back (or on the transaction's own connection), never wait
 * for a second one; and so must batches, {@code ifUnchanged} and {@code modify}. A call that needed
 * a second connection would wait for the pool's 2-second timeout and fail.
 */
class SmallPoolTest {
  @EveryDatabase
  void conflictsNeverNeedASecondConnection(TestDatabase db) {
    db.fresh("article");
    try (HikariDataSource pool = db.newPool("optilock-one-" + ProcessHandle.current().pid(), 1)) {
      pool.setConnectionTimeout(2_000);
      ArticleRepository articles = new ArticleRepository(pool);
      Article stale = articles.insert(new Article(1, "a", "b", 0));
      Article fresh = articles.update(stale.withTitle("fresh"));

      RecordModifiedException outside =
          assertThrows(RecordModifiedException.class, () -> articles.update(stale.withTitle("x")));
      assertEquals("fresh", outside.current(Article.class).orElseThrow().title());
      assertEquals(Optional.empty(), articles.tryUpdate(stale.withTitle("x")));
      assertThrows(RecordModifiedException.class, () -> articles.delete(stale));

      RecordModifiedException inside =
          assertThrows(
              RecordModifiedException.class,
              () -> Transactions.run(pool, () -> articles.update(stale.withTitle("y"))));
      assertEquals(2L, inside.actualVersion().orElseThrow());

      BatchConflictException batch = assertThrows(BatchConflictException.class,
          () -> articles.updateAll(List.of(stale.withTitle("z")), ConflictPolicy.ABORT_ALL));
      assertEquals(1, batch.conflicts().size());
      assertEquals(1, articles.deleteAll(List.of(stale), ConflictPolicy.SKIP_CONFLICTS)
          .conflicts().size());
      assertThrows(BatchConflictException.class, () -> articles.ifUnchanged(List.of(stale), () -> 1));
      assertEquals("inside", articles.ifUnchanged(List.of(fresh),
          () -> articles.update(fresh.withTitle("inside"))).title());

      // modify retries after a conflict it provokes itself, on the one connection
      int[] calls = {0};
      Article modified = articles.modify(1, a -> {
        if (calls[0]++ == 0) {
          articles.update(a.withTitle("meanwhile"));
        }
        return a.withTitle(a.title() + "!");
      }, RetryPolicy.attempts(3));
      assertEquals(new Article(1, "meanwhile!", "b", 5), modified);
      assertEquals(2, calls[0]);
      assertFalse(articles.isChanged(modified));
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    }
  }
}
