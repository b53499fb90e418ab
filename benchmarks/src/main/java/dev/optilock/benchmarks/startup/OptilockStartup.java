package dev.optilock.benchmarks.startup;

import dev.optilock.benchmarks.BenchItem;
import dev.optilock.benchmarks.BenchItemRepository;
import dev.optilock.benchmarks.Db;

/**
 * optilock's start-up: from a cold JVM, build the generated repository, read row 1 and update it
 * (one auto-committed compare-and-set). Argument: {@code sqlite} (default) or {@code postgresql}.
 */
public final class OptilockStartup {
  private OptilockStartup() {}

  public static void main(String[] args) throws Exception {
    Db db = Db.of(args.length > 0 ? args[0] : "sqlite");
    var dataSource = db.plain();
    StartupTable.prepare(dataSource, db == Db.SQLITE);
    BenchItemRepository repository = new BenchItemRepository(dataSource);
    BenchItem item = repository.findById(1).orElseThrow();
    BenchItem stored = repository.update(item.modified());
    System.out.println("optilock: row 1 at version " + stored.version());
  }
}
