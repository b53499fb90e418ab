package dev.optilock.samples.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reliability suite reports what it ran: one line per database and test class on standard
 * output, and the same line in {@code target/reliability/<name>.txt}, which docs/reliability.md
 * quotes.
 */
final class Figures {
  private Figures() {}

  static void report(String name, String line) {
    String text = "[reliability] " + line;
    System.out.println(text);
    Path file = Path.of("target", "reliability", name + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code failure} or anything in its cause or suppressed chain is of {@code type}. */
  static boolean contains(Throwable failure, Class<? extends Throwable> type) {
    return contains(failure, type, 0);
  }

  private static boolean contains(Throwable failure, Class<? extends Throwable> type, int depth) {
    if (failure == null || depth > 20) {
      return false;
    }
    if (type.isInstance(failure)) {
      return true;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (contains(suppressed, type, depth + 1)) {
        return true;
      }
    }
    return failure.getCause() != failure && contains(failure.getCause(), type, depth + 1);
  }
}
