package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What optilock's generated update costs on top of the same hand-written JDBC, with the database
 * taken out: both run against {@link StubJdbc}, whose statements do nothing. The difference
 * between {@code optilockUpdate} and {@code jdbcUpdate} is optilock's own per-call overhead
 * (connection lease, transaction lookup, auto-commit check, dialect choice, version arithmetic),
 * in nanoseconds and bytes, measured without the microseconds of a real statement around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
public class OverheadBenchmark {
  private DataSource dataSource;
  private BenchItemRepository repository;
  private BenchItem item;

  @Setup(Level.Trial)
  public void setUp() {
    dataSource = StubJdbc.dataSource("PostgreSQL");
    repository = new BenchItemRepository(dataSource);
    item = new BenchItem(1, Names.next(0), 0, 1);
  }

  @Benchmark
  public void jdbcUpdate(Blackhole blackhole) throws SQLException {
    BenchItem current = item.modified();
    long expected = current.version();
    long next = expected + 1;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(JdbcBenchmark.UPDATE)) {
      statement.setString(1, current.name());
      statement.setLong(2, current.amount());
      statement.setLong(3, next);
      statement.setLong(4, current.id());
      statement.setLong(5, expected);
      if (statement.executeUpdate() != 1) {
        throw new IllegalStateException("row " + current.id() + " is not at version " + expected);
      }
    }
    item = new BenchItem(current.id(), current.name(), current.amount(), next);
    blackhole.consume(item);
  }

  @Benchmark
  public void optilockUpdate(Blackhole blackhole) {
    item = repository.update(item.modified());
    blackhole.consume(item);
  }
}
