package dev.optilock.benchmarks.startup;

import dev.optilock.benchmarks.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The floor of the start-up comparison: from a cold JVM, read row 1 and update it with a
 * compare-and-set statement written by hand, auto-committed. Argument: {@code sqlite} (default) or
 * {@code postgresql}.
 */
public final class JdbcStartup {
  private JdbcStartup() {}

  public static void main(String[] args) throws Exception {
    Db db = Db.of(args.length > 0 ? args[0] : "sqlite");
    var dataSource = db.plain();
    StartupTable.prepare(dataSource, db == Db.SQLITE);
    try (Connection connection = dataSource.getConnection()) {
      long version;
      long amount;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT \"amount\", \"version\" FROM \"bench_item\" WHERE \"id\" = ?")) {
        select.setLong(1, 1);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          amount = row.getLong(1);
          version = row.getLong(2);
        }
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE \"bench_item\" SET \"name\" = ?, \"amount\" = ?, \"version\" = ?"
                  + " WHERE \"id\" = ? AND \"version\" = ?")) {
        update.setString(1, "bravo");
        update.setLong(2, amount + 1);
        update.setLong(3, version + 1);
        update.setLong(4, 1);
        update.setLong(5, version);
        if (update.executeUpdate() != 1) {
          throw new IllegalStateException("row 1 changed");
        }
      }
      System.out.println("jdbc: row 1 at version " + (version + 1));
    }
  }
}
