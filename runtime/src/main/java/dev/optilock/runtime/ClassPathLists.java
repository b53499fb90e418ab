package dev.optilock.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the lists the processor writes under {@code META-INF/optilock/} ({@code triggers.list},
 * {@code entities.list}): every copy on the class path, one per jar or class folder, so that
 * nothing is found by scanning classes.
 */
final class ClassPathLists {
  private ClassPathLists() {}

  /** The context class loader of this thread, else the runtime's own. */
  static ClassLoader defaultLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ClassPathLists.class.getClassLoader();
  }

  /**
   * Every line of every {@code resource} that {@code loader} finds, without blanks and comments,
   * each turned into a value by {@code parser}.
   *
   * @throws IllegalArgumentException when {@code parser} refuses a line; the message names the
   *     file and the line, and nothing is returned
   */
  static <T> List<T> parse(ClassLoader loader, String resource, Function<String, T> parser) {
    List<T> values = new ArrayList<>();
    try {
      Enumeration<URL> resources = loader.getResources(resource);
      while (resources.hasMoreElements()) {
        URL url = resources.nextElement();
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          int number = 0;
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
              continue;
            }
            try {
              values.add(parser.apply(line.strip()));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(url + ", line " + number + ": " + e.getMessage(), e);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
    return values;
  }
}
