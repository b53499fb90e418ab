package dev.optilock.samples.boot;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application on SQLite, in a file of this test JVM's own. */
class SqliteNotesAppTest extends NotesAppContract {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry properties) {
    Path file = Path.of("target", "boot-notes-" + ProcessHandle.current().pid() + ".db")
        .toAbsolutePath();
    file.toFile().deleteOnExit();
    properties.add("spring.datasource.url", () -> "jdbc:sqlite:" + file);
    // a transaction that writes waits for another's lock rather than fail at once (docs/transactions.md)
    properties.add("spring.datasource.hikari.data-source-properties.busy_timeout", () -> "10000");
  }

  @Override
  String database() {
    return "SQLite";
  }
}
