package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A recording of a modify that conflicts once and fails transiently once holds all three kinds. */
class FlightRecorderEventsTest {
  @TempDir Path directory;

  @Test
  void conflictsTransientFailuresAndRetriesAreRecorded() throws Exception {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + directory.resolve("jfr.db"));
    Database database = Database.of(dataSource);
    Path file = directory.resolve("optilock.jfr");
    AtomicInteger writes = new AtomicInteger();
    try (Recording recording = new Recording()) {
      recording.enable("dev.optilock.Conflict");
      recording.enable("dev.optilock.TransientFailure");
      recording.enable("dev.optilock.Retry");
      recording.start();
      long result = new RetryPolicy(5, Duration.ZERO, Duration.ZERO).run(database, () -> 7L,
          n -> n + 1, n -> {
            switch (writes.incrementAndGet()) {
              case 1 -> throw new RecordModifiedException(String.class, 42L, 3L, 4L, null, null);
              case 2 -> throw database.failure("update of Counter[id=42]", new SQLException(
                  "could not serialize access due to concurrent update", "40001"));
              default -> {
                return n;
              }
            }
          });
      assertEquals(8L, result);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    List<RecordedEvent> conflicts = named(events, "dev.optilock.Conflict");
    List<RecordedEvent> failures = named(events, "dev.optilock.TransientFailure");
    List<RecordedEvent> retries = named(events, "dev.optilock.Retry");
    assertEquals(1, conflicts.size(), events.toString());
    assertEquals("java.lang.String", conflicts.get(0).getString("entity"));
    assertEquals("42", conflicts.get(0).getString("id"));
    assertEquals("3", conflicts.get(0).getString("expectedVersion"));
    assertEquals("4", conflicts.get(0).getString("actualVersion"));
    assertEquals(1, failures.size(), events.toString());
    assertEquals("update of Counter[id=42]", failures.get(0).getString("operation"));
    assertEquals("40001", failures.get(0).getString("sqlState"));
    assertEquals(2, retries.size(), events.toString());
    retries.sort((a, b) -> Integer.compare(a.getInt("attempt"), b.getInt("attempt")));
    assertEquals(1, retries.get(0).getInt("attempt"));
    assertTrue(retries.get(0).getString("cause").startsWith("conflict: "));
    assertEquals("java.lang.String", retries.get(0).getString("entity"));
    assertEquals(2, retries.get(1).getInt("attempt"));
    assertTrue(retries.get(1).getString("cause").startsWith("transient: "));
    assertEquals("Counter", retries.get(1).getString("entity"));
    assertEquals("42", retries.get(1).getString("id"));
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return new java.util.ArrayList<>(
        events.stream().filter(e -> e.getEventType().getName().equals(name)).toList());
  }
}
