package dev.optilock.test;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.SchemaMismatchException;
import dev.optilock.runtime.SchemaProblem;
import dev.optilock.runtime.TriggerDefinition;
import dev.optilock.runtime.Triggers;
import dev.optilock.runtime.VersionedRepository;
import dev.optilock.runtime.internal.Versions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * Checks, against your own database, that one of your repositories really refuses lost updates: the
 * test-case counterpart of django-concurrency's {@code ConcurrencyTestMixin}. Give it the generated
 * repository, the {@code DataSource} it writes to, a way to make a new entity and a way to change
 * one:
 *
 * <pre>{@code
 * @Test
 * void articlesRefuseLostUpdates() {
 *   OptimisticLockingChecks.of(new ArticleRepository(dataSource), dataSource)
 *       .sample(() -> new Article(42, "Hello", "first draft", 0))
 *       .change(article -> article.withTitle("Hello again"))
 *       .verify();
 * }
 * }</pre>
 *
 * <p>or, one JUnit test per check:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> articles() {
 *   return OptimisticLockingChecks.of(articles, dataSource)
 *       .sample(() -> new Article(42, "Hello", "first draft", 0))
 *       .change(article -> article.withTitle("Hello again"))
 *       .tests();
 * }
 * }</pre>
 *
 * <p>The checks, each on a row of its own that it inserts from {@link #sample} and deletes again:
 *
 * <ol>
 *   <li>a stale update is refused with {@link RecordModifiedException} (and {@code tryUpdate} gives
 *       empty), and the table is exactly as it was;
 *   <li>a stale delete is refused, and the table is exactly as it was;
 *   <li>a fresh update succeeds, moves the version, stores the version it returns, and the entity
 *       it returns can be updated again;
 *   <li>{@code isChanged} and {@code findByIdAndVersion} agree, before and after another writer's
 *       update and after a delete;
 *   <li>the version column holds the strategy's values: the table passes the version column rules
 *       of {@code verifySchema()}, and a version near the end of the strategy's range (the largest
 *       counter but one, a timestamp with six fraction digits, a UUID) written into the row is found
 *       again by {@code findByIdAndVersion} and moves on with an update;
 *   <li>for a {@code TRIGGER} version, its trigger is installed;
 *   <li>the rest of {@code verifySchema()}: the table matches the entity's columns.
 * </ol>
 *
 * <p>A failure names the entity, its row or column and what was expected, and says what the
 * consequence would be in production. "The table is exactly as it was" is read with plain JDBC,
 * every row of the table: run the checks where no other test writes the same table at the same
 * time. Every repository optilock generates is a {@link VersionedRepository}, so the kit works with
 * any of them.
 *
 * <p>Instances are not thread-safe; build one per test.
 *
 * @param <E> the entity
 * @param <K> its key
 * @param <V> its version
 */
public final class OptimisticLockingChecks<E, K, V> {
  private final VersionedRepository<E, K, V> repository;
  private final EntityTable table;
  private final DataSource dataSource;
  private Supplier<? extends E> sample;
  private UnaryOperator<E> change;

  private OptimisticLockingChecks(VersionedRepository<E, K, V> repository, DataSource dataSource) {
    this.repository = repository;
    this.dataSource = dataSource;
    this.table = new EntityTable(repository.schema(), dataSource);
  }

  /**
   * The checks of one repository.
   *
   * @param repository the generated repository (or any {@link VersionedRepository})
   * @param dataSource the database the repository writes to: the checks read its table through
   *     it with plain JDBC
   */
  public static <E, K, V> OptimisticLockingChecks<E, K, V> of(
      VersionedRepository<E, K, V> repository, DataSource dataSource) {
    return new OptimisticLockingChecks<>(Objects.requireNonNull(repository, "repository"),
        Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * How to make a new, unsaved entity. Each check calls it once, inserts the result and deletes
   * the row at its end, so a fixed key is fine as long as no other row has it; with a generated
   * key, the database assigns one.
   */
  public OptimisticLockingChecks<E, K, V> sample(Supplier<? extends E> sample) {
    this.sample = Objects.requireNonNull(sample, "sample");
    return this;
  }

  /**
   * How to change an entity that the application has loaded: {@code article ->
   * article.withTitle("x")} for a record, {@code article -> { article.setTitle("x"); return
   * article; }} for a class. For a version that moves only when some fields change
   * ({@code @VersionField(conditions = ...)}), change one of those.
   */
  public OptimisticLockingChecks<E, K, V> change(UnaryOperator<E> change) {
    this.change = Objects.requireNonNull(change, "change");
    return this;
  }

  /**
   * Runs every check and fails with all that fail.
   *
   * @throws AssertionFailedError when one check fails
   * @throws MultipleFailuresError when several fail, listing each
   */
  public void verify() {
    List<Check> checks = checks();
    List<Throwable> failures = new ArrayList<>();
    for (Check check : checks) {
      try {
        check.body().execute();
      } catch (Throwable failure) {
        failures.add(failure);
      }
    }
    if (failures.size() == 1 && failures.get(0) instanceof AssertionError single) {
      throw single;
    }
    if (!failures.isEmpty()) {
      throw new MultipleFailuresError(table.entity() + " fails " + failures.size() + " of "
          + checks.size()
          + " optimistic-locking checks (" + table.repository() + ", table " + table.table() + ")",
          failures);
    }
  }

  /** Every check as a JUnit dynamic test, named {@code Article: a stale update is refused ...}. */
  public Stream<DynamicTest> tests() {
    return checks().stream()
        .map(check -> DynamicTest.dynamicTest(table.entity() + ": " + check.name(), check.body()));
  }

  /**
   * One named check. Its body fails with an {@link AssertionError}; anything else the repository or
   * the database throws on the way becomes one too, naming the entity and the check.
   */
  private record Check(String name, Executable body) {
    Check(String entity, String name, Executable check) {
      this(name, () -> {
        try {
          check.execute();
        } catch (AssertionError | OutOfMemoryError e) {
          throw e;
        } catch (Throwable e) {
          throw new AssertionFailedError(entity + ": " + name + ": failed with " + e, e);
        }
      });
    }
  }

  private List<Check> checks() {
    if (sample == null || change == null) {
      throw new IllegalStateException("give " + table.entity() + "'s checks a sample(() -> new "
          + table.entity() + "(...)) and a change(e -> ...) before running them");
    }
    String entity = table.entity();
    List<Check> checks = new ArrayList<>();
    checks.add(new Check(entity, "a stale update is refused with RecordModifiedException and"
        + " writes nothing", () -> withRow(this::staleUpdate)));
    checks.add(new Check(entity, "a stale delete is refused and deletes nothing",
        () -> withRow(this::staleDelete)));
    checks.add(new Check(entity, "a fresh update succeeds and moves the version",
        () -> withRow(this::freshUpdate)));
    checks.add(new Check(entity, "isChanged and findByIdAndVersion agree",
        () -> withRow(this::changedAndFindAgree)));
    checks.add(new Check(entity, "the version column " + table.versionColumn() + " holds "
        + table.strategy() + " versions", this::versionColumn));
    if (table.trigger() != null) {
      checks.add(new Check(entity, "the trigger " + table.trigger().name() + " is installed",
          this::triggerInstalled));
    }
    checks.add(new Check(entity, "the table " + table.table() + " matches " + entity,
        this::tableMatches));
    return checks;
  }

  // ---- the checks ------------------------------------------------------------------------------

  private interface RowCheck<K> {
    void run(K id) throws Exception;
  }

  /** Inserts a sample, runs {@code check} on its key and deletes whatever is left of the row. */
  private void withRow(RowCheck<K> check) throws Throwable {
    E entity = Objects.requireNonNull(sample.get(), "sample() gave null");
    E inserted;
    try {
      inserted = repository.insert(entity);
    } catch (SchemaMismatchException e) {
      throw fail("inserting the sample was refused: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw fail("inserting the sample failed (" + e + "); sample() must give a new "
          + table.entity() + " whose key no row of " + table.table() + " has", e);
    }
    K id = repository.idOf(inserted);
    Throwable failure = null;
    try {
      check.run(id);
    } catch (Throwable e) {
      failure = e;
      throw e;
    } finally {
      try {
        repository.findById(id).ifPresent(repository::delete);
      } catch (RuntimeException cleanup) {
        // A row the repository cannot delete (its version column mangled the version): plain
        // JDBC, by key, where it can address the row.
        boolean deleted = false;
        if (table.canAddress(id)) {
          try {
            deleted = table.deleteRow(id) == 1;
          } catch (SQLException plain) {
            cleanup.addSuppressed(plain);
          }
        }
        if (!deleted) {
          if (failure != null) {
            failure.addSuppressed(cleanup);
          } else {
            throw fail("could not delete the sample row " + table.row(id) + " at the end of the"
                + " check: " + cleanup, cleanup);
          }
        }
      }
    }
  }

  private E load(K id, String when) {
    return repository.findById(id).orElseThrow(() -> fail("findById(" + id + ") " + when
        + " found no row: " + table.row(id) + " should be in table " + table.table()));
  }

  private E changed(E entity) {
    return Objects.requireNonNull(change.apply(entity), "change(...) gave null");
  }

  /** Two copies read the same version; the first writes; the second must be refused. */
  private void staleUpdate(K id) {
    E mine = load(id, "after insert");
    E theirs = load(id, "after insert");
    V read = repository.versionOf(theirs);
    E won = update(changed(mine), id, "the first of two writers who read version " + read);
    V current = repository.versionOf(won);
    List<String> before = table.snapshot();
    try {
      E returned = repository.update(theirs);
      throw fail("update of a stale " + table.row(id) + " (it carries version " + read
          + ", the row has " + current + " since another writer's update) returned normally, with"
          + " version " + repository.versionOf(returned) + ", instead of throwing"
          + " RecordModifiedException: the second of two writers silently overwrites the first"
          + " one's change (a lost update). " + table.repository() + ".update must be a"
          + " compare-and-set: UPDATE ... WHERE <key> = ? AND " + table.version().name() + " = ?"
          + unchangedAfter(before));
    } catch (RecordModifiedException expected) {
      if (!Versions.same(expected.expectedVersion(), read)
          || !expected.actualVersion().map(v -> Versions.same(v, current)).orElse(false)) {
        throw fail("update of a stale " + table.row(id) + " threw RecordModifiedException, but"
            + " it reports expected version " + expected.expectedVersion() + " and actual "
            + expected.actualVersion().orElse(null) + "; expected " + read + " and " + current);
      }
    }
    requireUnchanged(before, "the refused update of a stale " + table.row(id));
    Optional<E> tried = repository.tryUpdate(theirs);
    if (tried.isPresent()) {
      throw fail("tryUpdate of a stale " + table.row(id) + " (version " + read + ", the row has "
          + current + ") gave a result instead of empty: it wrote a stale copy over another"
          + " writer's change" + unchangedAfter(before));
    }
    requireUnchanged(before, "the refused tryUpdate of a stale " + table.row(id));
  }

  private void staleDelete(K id) {
    E mine = load(id, "after insert");
    E theirs = load(id, "after insert");
    V read = repository.versionOf(theirs);
    E won = update(changed(mine), id, "the first of two writers who read version " + read);
    V current = repository.versionOf(won);
    List<String> before = table.snapshot();
    try {
      repository.delete(theirs);
      throw fail("delete of a stale " + table.row(id) + " (it carries version " + read + ", the"
          + " row has " + current + " since another writer's update) returned normally instead"
          + " of throwing RecordModifiedException: a writer deletes a row whose change it never"
          + " saw. " + table.repository() + ".delete must be a compare-and-set: DELETE ... WHERE"
          + " <key> = ? AND " + table.version().name() + " = ?" + unchangedAfter(before));
    } catch (RecordModifiedException expected) {
      // refused, as it should be
    }
    requireUnchanged(before, "the refused delete of a stale " + table.row(id));
  }

  private void freshUpdate(K id) {
    E loaded = load(id, "after insert");
    V first = repository.versionOf(loaded);
    E updated = update(changed(loaded), id, "a fresh copy (version " + first + ")");
    V second = repository.versionOf(updated);
    if (second == null || Versions.same(first, second)) {
      throw fail("update of " + table.row(id) + " kept version " + first + ": a version that"
          + " does not move lets every stale copy's update succeed. (If " + table.entity() + "'s"
          + " version moves only when some fields change, make change(...) change one of them.)");
    }
    E stored = load(id, "after the update");
    if (!Versions.same(repository.versionOf(stored), second)) {
      throw fail("update of " + table.row(id) + " returned version " + second + " but the row"
          + " holds " + repository.versionOf(stored) + " (read back by findById): the entity the"
          + " application keeps would be refused on its next update, or a stale one accepted");
    }
    E again = update(changed(updated), id, "the entity the previous update returned (version "
        + second + ")");
    if (Versions.same(repository.versionOf(again), second)) {
      throw fail("the second update of " + table.row(id) + " kept version " + second);
    }
  }

  private void changedAndFindAgree(K id) {
    E mine = load(id, "after insert");
    V first = repository.versionOf(mine);
    expect(!repository.isChanged(mine), "isChanged(" + table.row(id) + " at version " + first
        + ") is true right after it was read, though nobody wrote the row");
    expect(repository.findByIdAndVersion(id, first).isPresent(), "findByIdAndVersion(" + id
        + ", " + first + ") found nothing right after insert, though the row has that version");
    E theirs = update(changed(load(id, "after insert")), id, "another writer's copy");
    V second = repository.versionOf(theirs);
    expect(repository.isChanged(mine), "isChanged(" + table.row(id) + " at version " + first
        + ") is false after another writer moved the row to version " + second + ": the"
        + " application would think its stale copy is current");
    expect(repository.findByIdAndVersion(id, first).isEmpty(), "findByIdAndVersion(" + id + ", "
        + first + ") still finds the row after another writer moved it to version " + second);
    expect(repository.findByIdAndVersion(id, second).isPresent(), "findByIdAndVersion(" + id
        + ", " + second + ") finds nothing, though the update returned that version");
    expect(!repository.isChanged(theirs), "isChanged(" + table.row(id) + " at version " + second
        + ") is true right after its own update returned that version");
    repository.delete(theirs);
    expect(repository.isChanged(theirs), "isChanged(" + table.row(id) + ") is false after the row"
        + " was deleted");
    expect(repository.findByIdAndVersion(id, second).isEmpty(), "findByIdAndVersion(" + id + ", "
        + second + ") finds a deleted row");
  }

  private void versionColumn() throws Throwable {
    List<String> found = new ArrayList<>();
    List<SchemaProblem> problems = problems(true);
    if (!problems.isEmpty()) {
      found.add(describe(problems));
    }
    Object extreme = table.extremeVersion();
    if (extreme != null) {
      // (null for a TRIGGER version: the database writes it, the schema rules are the check)
      try {
        withRow(id -> {
          String probe = probe(id, extreme);
          if (probe != null) {
            throw fail(probe);
          }
        });
      } catch (AssertionFailedError probeFailed) {
        found.add(probeFailed.getMessage().substring(table.entity().length() + 2));
      }
    }
    if (!found.isEmpty()) {
      throw fail(String.join("\n", found));
    }
  }

  /**
   * Writes {@code extreme} into the version column of the row of {@code id} with plain JDBC, then
   * reads it back and updates from it through the repository; what went wrong, or null.
   */
  private String probe(K id, Object extreme) {
    if (!table.canAddress(id)) {
      // A composite or converted key, which plain JDBC cannot address here: the schema rules
      // are the whole check.
      return null;
    }
    String consequence = ". Versions this column cannot hold exactly are refused or stored alike:"
        + " updates fail, or a stale copy's update succeeds. Use the column type of "
        + table.repository() + ".createTableSql(...)";
    try {
      if (table.writeVersion(id, extreme) != 1) {
        return "a plain UPDATE of " + table.row(id) + " setting " + table.versionColumn() + " = "
            + extreme + " changed no row";
      }
    } catch (SQLException e) {
      return "column " + table.versionColumn() + " refuses the " + table.strategy() + " version "
          + extreme + " (a plain UPDATE failed: " + e.getMessage().strip() + ")" + consequence;
    }
    @SuppressWarnings("unchecked")
    V written = (V) extreme;
    Optional<E> found = repository.findByIdAndVersion(id, written);
    V read = found.map(repository::versionOf).orElse(null);
    if (read == null || !Versions.same(read, written)) {
      return "column " + table.versionColumn() + " does not keep the " + table.strategy()
          + " version " + extreme + ": written with a plain UPDATE, it reads back as "
          + table.storedVersionText(id) + (found.isEmpty() ? ", and findByIdAndVersion(" + id
          + ", " + extreme + ") finds nothing" : ", and the repository reads version " + read)
          + consequence;
    }
    E moved;
    try {
      moved = repository.update(changed(found.get()));
    } catch (RuntimeException e) {
      return "update of " + table.row(id) + " at version " + extreme + " failed: " + e;
    }
    V next = repository.versionOf(moved);
    if (repository.findByIdAndVersion(id, next).isEmpty()) {
      return "column " + table.versionColumn() + " does not keep the version " + next + " that"
          + " the update after " + extreme + " wrote: it reads back as "
          + table.storedVersionText(id) + consequence;
    }
    return null;
  }

  private void triggerInstalled() {
    TriggerDefinition trigger = table.trigger();
    if (!Triggers.verify(dataSource, trigger).isEmpty()) {
      throw fail("the trigger " + trigger.name() + " that moves " + table.versionColumn()
          + " (a TRIGGER version) is not installed: without it the version never moves, and"
          + " every update fails (or, written by another client, is invisible to stale copies)."
          + " Install it with " + table.repository() + ".createTriggers(),"
          + " Triggers.create(dataSource), or Triggers.createStatements(dialect, "
          + table.repository() + ".TRIGGER) in a migration");
    }
  }

  private void tableMatches() {
    List<SchemaProblem> problems = problems(false);
    if (!problems.isEmpty()) {
      throw fail(describe(problems));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * The problems of {@code verifySchema()} about the version column (its trigger excepted: that is
   * a check of its own), or all the others.
   */
  private List<SchemaProblem> problems(boolean versionColumn) {
    String version = table.version().name();
    String trigger = table.version().trigger();
    return repository.verifySchema().problems().stream()
        .filter(p -> {
          boolean aboutTrigger = trigger != null && p.problem().contains(trigger);
          boolean aboutVersion = version.equalsIgnoreCase(p.column()) && !aboutTrigger;
          return versionColumn == aboutVersion && !aboutTrigger;
        })
        .toList();
  }

  private String describe(List<SchemaProblem> problems) {
    StringBuilder text = new StringBuilder("table ").append(table.table())
        .append(" does not match what ").append(table.repository()).append(" expects:");
    for (SchemaProblem problem : problems) {
      text.append("\n- ").append(problem.column() == null ? table.table()
              : table.table() + "." + problem.column()).append(": ").append(problem.problem())
          .append("\n  Fix: ").append(problem.fix());
    }
    return text.toString();
  }

  private E update(E entity, K id, String what) {
    try {
      return repository.update(entity);
    } catch (RuntimeException e) {
      throw fail("update of " + table.row(id) + " from " + what + " failed: " + e, e);
    }
  }

  private void requireUnchanged(List<String> before, String what) {
    List<String> after = table.snapshot();
    if (!after.equals(before)) {
      throw fail(what + " changed table " + table.table() + ": a refused write must write nothing."
          + difference(before, after));
    }
  }

  /** What the table looks like after a write that should have been refused. */
  private String unchangedAfter(List<String> before) {
    List<String> after = table.snapshot();
    return after.equals(before) ? "" : "." + difference(before, after);
  }

  private static String difference(List<String> before, List<String> after) {
    for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
      String was = i < before.size() ? before.get(i) : "(no row)";
      String is = i < after.size() ? after.get(i) : "(no row)";
      if (!was.equals(is)) {
        return "\n  row before: " + was + "\n  row after:  " + is;
      }
    }
    return "";
  }

  private void expect(boolean condition, String message) {
    if (!condition) {
      throw fail(message);
    }
  }

  private AssertionFailedError fail(String message) {
    return new AssertionFailedError(table.entity() + ": " + message);
  }

  private AssertionFailedError fail(String message, Throwable cause) {
    return new AssertionFailedError(table.entity() + ": " + message, cause);
  }
}
