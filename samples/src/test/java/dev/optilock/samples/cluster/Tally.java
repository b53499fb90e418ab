package dev.optilock.samples.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts optilock's JFR events while a test runs: conflicts, transient failures and retries, as
 * the runtime reports them (docs/clusters.md, "Seeing it").
 */
final class Tally implements AutoCloseable {
  private final Recording recording = new Recording();
  private List<RecordedEvent> events;

  Tally() {
    recording.enable("dev.optilock.Conflict");
    recording.enable("dev.optilock.TransientFailure");
    recording.enable("dev.optilock.Retry");
    recording.start();
  }

  /** Stops the recording and reads its events. */
  Tally stop() {
    if (events == null) {
      try {
        recording.stop();
        Path file = Files.createTempFile("optilock", ".jfr");
        try {
          recording.dump(file);
          events = RecordingFile.readAllEvents(file);
        } finally {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        recording.close();
      }
    }
    return this;
  }

  long count(String event) {
    stop();
    return events.stream().filter(e -> e.getEventType().getName().equals("dev.optilock." + event))
        .count();
  }

  /** Each transient failure as {@code SQLSTATE cause}. */
  List<String> transientCauses() {
    stop();
    return events.stream()
        .filter(e -> e.getEventType().getName().equals("dev.optilock.TransientFailure"))
        .map(e -> e.getString("sqlState") + " " + e.getString("cause")).toList();
  }

  long conflicts() {
    return count("Conflict");
  }

  long transientFailures() {
    return count("TransientFailure");
  }

  long retries() {
    return count("Retry");
  }

  /** The largest attempt number a retry event reported, plus one: the attempts the worst call needed. */
  int mostAttempts() {
    stop();
    return 1 + events.stream().filter(e -> e.getEventType().getName().equals("dev.optilock.Retry"))
        .mapToInt(e -> e.getInt("attempt")).max().orElse(0);
  }

  String summary(int calls) {
    return calls + " calls, " + conflicts() + " conflicts, " + transientFailures()
        + " transient failures" + (transientFailures() == 0 ? "" : " " + transientWhere()) + ", "
        + retries() + " retries, at most " + mostAttempts() + " attempts";
  }

  /**
   * Where the transient failures happened, as {@code (update 3, committing 2, locking read 1)}:
   * the operation's first word, or "locking read" for a conflict report's locking read that was
   * read again without the lock.
   */
  String transientWhere() {
    stop();
    java.util.Map<String, Long> where = new java.util.TreeMap<>();
    events.stream()
        .filter(e -> e.getEventType().getName().equals("dev.optilock.TransientFailure"))
        .map(e -> e.getString("operation"))
        // JDK 17's JFR string pool can lose a string that an earlier recording in this JVM
        // pooled: it then reads back as null
        .map(o -> o == null ? "unknown" : o.contains("(locking read") ? "locking read"
            : o.split(" ", 2)[0])
        .forEach(w -> where.merge(w, 1L, Long::sum));
    return where.toString().replace('{', '(').replace('}', ')').replace("=", " ");
  }

  @Override
  public void close() {
    stop();
  }
}
