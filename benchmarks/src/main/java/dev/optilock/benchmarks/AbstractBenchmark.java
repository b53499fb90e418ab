package dev.optilock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every library's benchmark shares: the database parameter, the pool, a fresh {@code
 * bench_item} per trial, the rotation over the seeded rows, and the check at the end of a trial that
 * every update really moved its row's version on.
 *
 * <p>Each library's class has the same three benchmarks: {@code update} (one compare-and-set UPDATE
 * of a row whose version the state holds, so it always succeeds: read-modify-write without the
 * read), {@code insert} (a new row) and {@code findById} (one row by primary key, mapped to the
 * library's entity). Every call is its own unit of work: auto-commit, or the library's own
 * transaction per call where the library needs one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
public abstract class AbstractBenchmark {
  static {
    // Quiet libraries: jboss-logging (Hibernate) to SLF4J, which is slf4j-nop; no jOOQ banner.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  @Param({"sqlite", "postgresql"})
  public String db;

  protected Db database;
  protected HikariDataSource dataSource;
  private int cursor = -1;
  private long nextId = Db.FIRST_NEW_ID;

  /** Call first from the subclass's trial set-up: a new pool and a freshly seeded table. */
  protected final void openDatabase() {
    database = Db.of(db);
    database.deleteFiles();
    dataSource = database.pool();
    database.reset(dataSource, Db.ROWS);
  }

  /** Call last from the subclass's trial tear-down. */
  protected final void closeDatabase() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  /** The next seeded row, as an index 0..ROWS-1 (id = index + 1), round-robin. */
  protected final int nextRow() {
    int row = cursor + 1;
    if (row == Db.ROWS) {
      row = 0;
    }
    cursor = row;
    return row;
  }

  /** An id no row has yet. */
  protected final long nextNewId() {
    return nextId++;
  }

  /**
   * Fails the trial unless every seeded row's version in the database equals the one the state
   * expects: proof that the updates were real compare-and-set updates, none lost, none skipped.
   */
  protected final void verifyVersions(IntToLongFunction expectedVersionOfRow) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, version FROM bench_item WHERE id <= ? ORDER BY id")) {
      select.setLong(1, Db.ROWS);
      int seen = 0;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          int row = (int) rows.getLong(1) - 1;
          long expected = expectedVersionOfRow.applyAsLong(row);
          if (rows.getLong(2) != expected) {
            throw new IllegalStateException(
                getClass().getSimpleName()
                    + ": row "
                    + (row + 1)
                    + " has version "
                    + rows.getLong(2)
                    + " in the database, the benchmark expected "
                    + expected);
          }
          seen++;
        }
      }
      if (seen != Db.ROWS) {
        throw new IllegalStateException("expected " + Db.ROWS + " seeded rows, found " + seen);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
