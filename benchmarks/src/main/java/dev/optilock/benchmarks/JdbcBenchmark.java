package dev.optilock.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor: the statements optilock generates for {@link BenchItem}, written by hand with a {@link
 * PreparedStatement} on a pooled connection, mapping to and from the same record.
 */
public class JdbcBenchmark extends AbstractBenchmark {
  static final String UPDATE =
      "UPDATE \"bench_item\" SET \"name\" = ?, \"amount\" = ?, \"version\" = ?"
          + " WHERE \"id\" = ? AND \"version\" = ?";
  static final String INSERT =
      "INSERT INTO \"bench_item\" (\"id\", \"name\", \"amount\", \"version\") VALUES (?, ?, ?, ?)";
  static final String SELECT_BY_ID =
      "SELECT \"id\", \"name\", \"amount\", \"version\" FROM \"bench_item\" WHERE \"id\" = ?";

  private BenchItem[] items;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    openDatabase();
    List<BenchItem> all = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, name, amount, version FROM bench_item ORDER BY id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        all.add(new BenchItem(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
      }
    }
    items = all.toArray(BenchItem[]::new);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    verifyVersions(row -> items[row].version());
    closeDatabase();
  }

  @Benchmark
  public void update(Blackhole blackhole) throws SQLException {
    int row = nextRow();
    BenchItem item = items[row].modified();
    long expected = item.version();
    long next = expected + 1;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(UPDATE)) {
      statement.setString(1, item.name());
      statement.setLong(2, item.amount());
      statement.setLong(3, next);
      statement.setLong(4, item.id());
      statement.setLong(5, expected);
      if (statement.executeUpdate() != 1) {
        throw new IllegalStateException("row " + item.id() + " is not at version " + expected);
      }
    }
    BenchItem stored = new BenchItem(item.id(), item.name(), item.amount(), next);
    items[row] = stored;
    blackhole.consume(stored);
  }

  @Benchmark
  public void insert(Blackhole blackhole) throws SQLException {
    BenchItem item = new BenchItem(nextNewId(), Names.next(0), 0, 0);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setLong(1, item.id());
      statement.setString(2, item.name());
      statement.setLong(3, item.amount());
      statement.setLong(4, 1);
      statement.executeUpdate();
    }
    blackhole.consume(new BenchItem(item.id(), item.name(), item.amount(), 1));
  }

  @Benchmark
  public void findById(Blackhole blackhole) throws SQLException {
    long id = nextRow() + 1;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_BY_ID)) {
      statement.setLong(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("no row " + id);
        }
        blackhole.consume(
            new BenchItem(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
      }
    }
  }
}
