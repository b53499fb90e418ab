package dev.optilock.benchmarks;

import dev.optilock.runtime.Page;
import dev.optilock.runtime.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Derived queries of a {@code @Queries} interface against the same queries written by hand with
 * JDBC, in one run: a finder that returns one row ({@code findByAmount}), and one that returns a
 * page of 20 rows with its total ({@code findByAmountGreaterThanOrderByAmount} and a {@code
 * PageRequest}: a SELECT with LIMIT/OFFSET and a COUNT, on one connection, both sides). The set-up
 * makes {@code amount} unique ({@code amount = id}) and indexes it.
 */
public class QueryBenchmark extends AbstractBenchmark {
  static final String SELECT_BY_AMOUNT = "SELECT \"id\", \"name\", \"amount\", \"version\""
      + " FROM \"bench_item\" WHERE \"amount\" = ? ORDER BY \"id\" ASC";
  static final String SELECT_PAGE = "SELECT \"id\", \"name\", \"amount\", \"version\""
      + " FROM \"bench_item\" WHERE \"amount\" > ? ORDER BY \"amount\" ASC, \"id\" ASC LIMIT ? OFFSET ?";
  static final String COUNT = "SELECT COUNT(*) FROM \"bench_item\" WHERE \"amount\" > ?";
  static final int PAGE_SIZE = 20;
  static final int PAGES = Db.ROWS / PAGE_SIZE;

  private BenchItemRepository repository;
  private int page = -1;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    openDatabase();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute("UPDATE bench_item SET amount = id");
      statement.execute("CREATE INDEX bench_item_amount ON bench_item (amount)");
    }
    repository = new BenchItemRepository(dataSource);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    closeDatabase();
  }

  private int nextPage() {
    page = page + 1 == PAGES ? 0 : page + 1;
    return page;
  }

  @Benchmark
  public void finderOneRow(Blackhole blackhole) {
    blackhole.consume(repository.findByAmount(nextRow() + 1).orElseThrow());
  }

  @Benchmark
  public void jdbcOneRow(Blackhole blackhole) throws SQLException {
    long amount = nextRow() + 1;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SELECT_BY_AMOUNT)) {
      statement.setLong(1, amount);
      statement.setMaxRows(2);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("no row with amount " + amount);
        }
        BenchItem item = new BenchItem(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4));
        if (rows.next()) {
          throw new IllegalStateException("more than one row with amount " + amount);
        }
        blackhole.consume(item);
      }
    }
  }

  @Benchmark
  public void finderPageOf20(Blackhole blackhole) {
    Page<BenchItem> result = repository.findByAmountGreaterThanOrderByAmount(0,
        PageRequest.of(nextPage(), PAGE_SIZE));
    if (result.content().size() != PAGE_SIZE || result.total() != Db.ROWS) {
      throw new IllegalStateException("page " + page + ": " + result.content().size() + " of " + result.total());
    }
    blackhole.consume(result);
  }

  @Benchmark
  public void jdbcPageOf20(Blackhole blackhole) throws SQLException {
    int number = nextPage();
    try (Connection connection = dataSource.getConnection()) {
      List<BenchItem> content = new ArrayList<>(PAGE_SIZE);
      try (PreparedStatement statement = connection.prepareStatement(SELECT_PAGE)) {
        statement.setLong(1, 0);
        statement.setInt(2, PAGE_SIZE);
        statement.setLong(3, (long) number * PAGE_SIZE);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            content.add(new BenchItem(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
          }
        }
      }
      long total;
      try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
        statement.setLong(1, 0);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      if (content.size() != PAGE_SIZE || total != Db.ROWS) {
        throw new IllegalStateException("page " + number + ": " + content.size() + " of " + total);
      }
      blackhole.consume(new Page<>(content, total, number, PAGE_SIZE));
    }
  }
}
