package dev.optilock.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * An in-memory model of what table {@code ledger} must hold, and several simulated clients, each
 * holding its own copies of rows (fresh or stale). {@link #apply(Op)} runs one client's operation
 * against the real repository and checks that its outcome (success and what it returned, {@link
 * RecordModifiedException} and what it reports, the conflicts of a batch) is exactly the one the
 * model predicts, then that the table holds exactly the model's rows.
 *
 * <p>The operations are plain data, so any generator can drive this class: {@link
 * InterleavingPropertyTest} generates them from seeded {@link java.util.Random}s.
 */
final class LedgerModel {
  /** One operation of one client; {@code client} indexes the clients. */
  sealed interface Op {
    int client();
  }

  /** {@code findById}: the client's copy becomes the row as stored (or is dropped). */
  record Read(int client, long id) implements Op {}

  /** {@code findAll}: the client's copies become every row as stored. */
  record ReadAll(int client) implements Op {}

  /** {@code update} (or {@code tryUpdate}) of the client's copy with a new amount. */
  record Update(int client, long id, long amount, boolean tryUpdate) implements Op {}

  /** {@code updateUnchecked} of the client's copy: wins whatever the version, not if deleted. */
  record UpdateUnchecked(int client, long id, long amount) implements Op {}

  /** {@code delete} of the client's copy. */
  record Delete(int client, long id) implements Op {}

  /** {@code isChanged} of the client's copy. */
  record IsChanged(int client, long id) implements Op {}

  /** {@code insert} of a new row: a duplicate key is a DataAccessException, never a conflict. */
  record Insert(int client, long id, long amount) implements Op {}

  /** {@code updateAll} of the client's copies of these rows, each amount moved by {@code delta}. */
  record UpdateAll(int client, List<Long> ids, long delta, ConflictPolicy policy) implements Op {}

  /** {@code deleteAll} of the client's copies of these rows. */
  record DeleteAll(int client, List<Long> ids, ConflictPolicy policy) implements Op {}

  /** Two updates in one {@link Transactions#run}: both, or (on any conflict) neither. */
  record Transfer(int client, long from, long to, long amount) implements Op {}

  /** What the checks saw, for the figures. */
  static final class Stats {
    long sequences;
    long operations;
    long skipped;
    long successes;
    long conflicts;
    long batchConflictRows;
    long rolledBackTransactions;
    long duplicateKeys;
    long mismatches;

    synchronized void add(Stats other) {
      sequences += other.sequences;
      operations += other.operations;
      skipped += other.skipped;
      successes += other.successes;
      conflicts += other.conflicts;
      batchConflictRows += other.batchConflictRows;
      rolledBackTransactions += other.rolledBackTransactions;
      duplicateKeys += other.duplicateKeys;
      mismatches += other.mismatches;
    }

    @Override
    public synchronized String toString() {
      return String.format("sequences=%d operations=%d skipped=%d successes=%d conflicts=%d"
              + " batchConflictRows=%d rolledBackTransactions=%d duplicateKeys=%d mismatches=%d",
          sequences, operations, skipped, successes, conflicts, batchConflictRows,
          rolledBackTransactions, duplicateKeys, mismatches);
    }
  }

  private final DataSource dataSource;
  private final LedgerRepository ledgers;
  private final TreeMap<Long, Ledger> rows = new TreeMap<>();
  private final List<Map<Long, Ledger>> clients = new ArrayList<>();
  final Stats stats = new Stats();
  private int step;

  /** The table must be empty; rows 1..{@code initialRows} are inserted and every client reads them. */
  LedgerModel(DataSource dataSource, int clientCount, int initialRows) {
    this.dataSource = dataSource;
    this.ledgers = new LedgerRepository(dataSource);
    assertEquals(List.of(), ledgers.findAll(), "the table must start empty");
    for (long id = 1; id <= initialRows; id++) {
      Ledger row = ledgers.insert(new Ledger(id, "initial", 0, 0));
      rows.put(id, row);
    }
    for (int c = 0; c < clientCount; c++) {
      clients.add(new HashMap<>(rows));
    }
    stats.sequences++;
  }

  void apply(Op op) {
    step++;
    stats.operations++;
    Map<Long, Ledger> copies = clients.get(op.client());
    String text = "client " + op.client() + "'s \"step\" " + step;
    if (op instanceof Read r) {
      Optional<Ledger> read = ledgers.findById(r.id());
      assertEquals(Optional.ofNullable(rows.get(r.id())), read, "findById");
      read.ifPresentOrElse(row -> copies.put(r.id(), row), () -> copies.remove(r.id()));
      stats.successes++;
    } else if (op instanceof ReadAll r) {
      List<Ledger> all = ledgers.findAll();
      assertEquals(List.copyOf(rows.values()), all, "findAll");
      copies.clear();
      all.forEach(row -> copies.put(row.id(), row));
      stats.successes++;
    } else if (op instanceof Update u) {
      Ledger copy = copies.get(u.id());
      if (copy == null) {
        stats.skipped++;
        return;
      }
      Ledger edited = copy.withAmount(u.amount(), text);
      if (fresh(copy)) {
        Ledger written = u.tryUpdate()
            ? ledgers.tryUpdate(edited).orElseThrow(() -> new AssertionError("false conflict"))
            : ledgers.update(edited);
        assertEquals(new Ledger(u.id(), text, u.amount(), copy.version() + 1), written);
        succeeded(copies, written);
      } else if (u.tryUpdate()) {
        assertEquals(Optional.empty(), ledgers.tryUpdate(edited), "tryUpdate of a stale copy");
        stats.conflicts++;
      } else {
        assertConflict(edited, () -> ledgers.update(edited));
      }
    } else if (op instanceof UpdateUnchecked u) {
      Ledger copy = copies.get(u.id());
      if (copy == null) {
        stats.skipped++;
        return;
      }
      Ledger edited = copy.withAmount(u.amount(), text);
      Ledger stored = rows.get(u.id());
      if (stored != null) {
        Ledger written = ledgers.updateUnchecked(edited);
        assertEquals(new Ledger(u.id(), text, u.amount(), stored.version() + 1), written);
        succeeded(copies, written);
      } else {
        assertConflict(edited, () -> ledgers.updateUnchecked(edited));
      }
    } else if (op instanceof Delete d) {
      Ledger copy = copies.get(d.id());
      if (copy == null) {
        stats.skipped++;
        return;
      }
      if (fresh(copy)) {
        ledgers.delete(copy);
        rows.remove(d.id());
        copies.remove(d.id());
        stats.successes++;
      } else {
        assertConflict(copy, () -> {
          ledgers.delete(copy);
          return null;
        });
      }
    } else if (op instanceof IsChanged i) {
      Ledger copy = copies.get(i.id());
      if (copy == null) {
        stats.skipped++;
        return;
      }
      assertEquals(!fresh(copy), ledgers.isChanged(copy), "isChanged of " + copy);
      stats.successes++;
    } else if (op instanceof Insert i) {
      Ledger fresh = new Ledger(i.id(), text, i.amount(), 0);
      if (rows.containsKey(i.id())) {
        DataAccessException duplicate = assertThrows(DataAccessException.class,
            () -> ledgers.insert(fresh), "insert of an existing id");
        assertTrue(!Figures.contains(duplicate, RecordModifiedException.class), duplicate.toString());
        stats.duplicateKeys++;
      } else {
        Ledger written = ledgers.insert(fresh);
        assertEquals(new Ledger(i.id(), text, i.amount(), 1), written);
        succeeded(copies, written);
      }
    } else if (op instanceof UpdateAll b) {
      batch(copies, b.ids(), b.policy(), true, b.delta(), text);
    } else if (op instanceof DeleteAll b) {
      batch(copies, b.ids(), b.policy(), false, 0, text);
    } else if (op instanceof Transfer t) {
      Ledger from = copies.get(t.from());
      Ledger to = copies.get(t.to());
      if (from == null || to == null || t.from() == t.to()) {
        stats.skipped++;
        return;
      }
      Ledger debit = from.withAmount(from.amount() - t.amount(), text);
      Ledger credit = to.withAmount(to.amount() + t.amount(), text);
      Runnable transfer = () -> {
        ledgers.update(debit);
        ledgers.update(credit);
      };
      if (fresh(from) && fresh(to)) {
        Transactions.run(dataSource, transfer);
        succeeded(copies, new Ledger(t.from(), text, debit.amount(), from.version() + 1));
        succeeded(copies, new Ledger(t.to(), text, credit.amount(), to.version() + 1));
      } else {
        Ledger stale = fresh(from) ? credit : debit;
        RecordModifiedException conflict = assertThrows(RecordModifiedException.class,
            () -> Transactions.run(dataSource, transfer), "transfer with a stale copy");
        assertSame(stale, conflict.target(), "the conflict names the stale row");
        stats.conflicts++;
        stats.rolledBackTransactions++;
      }
    }
    assertEquals(List.copyOf(rows.values()), ledgers.findAll(),
        "the table after step " + step + ": " + op);
  }

  private void batch(Map<Long, Ledger> copies, List<Long> ids, ConflictPolicy policy,
      boolean update, long delta, String text) {
    List<Ledger> entities = new ArrayList<>();
    for (long id : ids) {
      Ledger copy = copies.get(id);
      if (copy != null) {
        entities.add(update ? copy.withAmount(copy.amount() + delta, text) : copy);
      }
    }
    if (entities.isEmpty()) {
      stats.skipped++;
      return;
    }
    List<Ledger> expectedWritten = new ArrayList<>();
    List<Ledger> expectedConflicts = new ArrayList<>();
    for (Ledger entity : entities) {
      (fresh(entity) ? expectedWritten : expectedConflicts).add(entity);
    }
    Supplier<BatchResult<Ledger>> call = update
        ? () -> ledgers.updateAll(entities, policy)
        : () -> ledgers.deleteAll(entities, policy);
    if (policy == ConflictPolicy.ABORT_ALL && !expectedConflicts.isEmpty()) {
      BatchConflictException e = assertThrows(BatchConflictException.class, call::get,
          "ABORT_ALL with stale rows");
      assertConflicts(expectedConflicts, e.conflicts(Ledger.class));
      stats.batchConflictRows += expectedConflicts.size();
      return;
    }
    BatchResult<Ledger> result = call.get();
    assertConflicts(expectedConflicts, result.conflicts());
    stats.batchConflictRows += expectedConflicts.size();
    if (update) {
      List<Ledger> expected = expectedWritten.stream()
          .map(e -> new Ledger(e.id(), e.text(), e.amount(), e.version() + 1)).toList();
      assertEquals(expected, result.updated(), "updateAll wrote");
      expected.forEach(written -> succeeded(copies, written));
    } else {
      assertEquals(expectedWritten, result.deleted(), "deleteAll deleted");
      for (Ledger deleted : expectedWritten) {
        rows.remove(deleted.id());
        copies.remove(deleted.id());
        stats.successes++;
      }
    }
  }

  private void assertConflicts(List<Ledger> expected, List<Conflict<Ledger>> actual) {
    assertEquals(expected.size(), actual.size(), "conflicts " + actual);
    for (int i = 0; i < expected.size(); i++) {
      Ledger entity = expected.get(i);
      Conflict<Ledger> conflict = actual.get(i);
      assertEquals(entity.id(), conflict.id());
      assertEquals(entity.version(), conflict.expectedVersion());
      assertEquals(Optional.ofNullable(rows.get(entity.id())).map(r -> (Object) r.version()),
          conflict.actualVersion(), "actual version of " + entity.id());
      assertSame(entity, conflict.target());
    }
  }

  private void assertConflict(Ledger entity, Supplier<Object> call) {
    RecordModifiedException e = assertThrows(RecordModifiedException.class, call::get,
        "a stale or deleted copy must conflict: " + entity);
    Ledger stored = rows.get(entity.id());
    assertEquals(entity.id(), e.id());
    assertEquals(entity.version(), e.expectedVersion());
    assertEquals(Optional.ofNullable(stored).map(r -> (Object) r.version()), e.actualVersion());
    assertEquals(Optional.ofNullable(stored), e.current(Ledger.class));
    assertSame(entity, e.target());
    assertNotNull(e.getMessage());
    stats.conflicts++;
  }

  private boolean fresh(Ledger copy) {
    Ledger stored = rows.get(copy.id());
    return stored != null && stored.version() == copy.version();
  }

  private void succeeded(Map<Long, Ledger> copies, Ledger written) {
    rows.put(written.id(), written);
    copies.put(written.id(), written);
    stats.successes++;
  }
}
