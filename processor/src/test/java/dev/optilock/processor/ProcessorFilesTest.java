package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The files in the processor jar that build tools read: javac's service registration, and
 * Gradle's incremental-processing declaration. Both are looked up next to the processor's own
 * classes, so that another jar on the test class path cannot stand in for them.
 */
class ProcessorFilesTest {

  private static List<String> lines(String resource) throws IOException {
    String home = OptilockProcessor.class.getProtectionDomain().getCodeSource().getLocation()
        .toString();
    List<URL> own = new ArrayList<>();
    for (URL url : Collections.list(OptilockProcessor.class.getClassLoader().getResources(resource))) {
      if (url.toString().startsWith(home) || url.toString().startsWith("jar:" + home)) {
        own.add(url);
      }
    }
    assertWithMessage(resource + " next to " + home).that(own).hasSize(1);
    try (InputStream in = own.get(0).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    }
  }

  @Test
  void registeredAsAnAnnotationProcessor() throws IOException {
    assertThat(lines("META-INF/services/javax.annotation.processing.Processor"))
        .containsExactly("dev.optilock.processor.OptilockProcessor");
  }

  /**
   * Gradle's category. The processor writes META-INF/optilock/triggers.list, one resource from
   * every TRIGGER entity of the compilation, which only an aggregating processor may do (an
   * isolating one must give each file exactly one originating element).
   */
  @Test
  void declaredToGradleAsIncremental() throws IOException {
    assertThat(lines("META-INF/gradle/incremental.annotation.processors"))
        .containsExactly("dev.optilock.processor.OptilockProcessor,aggregating");
  }
}
