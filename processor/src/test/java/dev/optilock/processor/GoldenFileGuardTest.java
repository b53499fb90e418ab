package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoldenFileTest}'s comparison, on golden files of its own in a temporary directory: under CI
 * the update switch is refused and nothing is rewritten; locally it rewrites; without it a changed
 * text fails.
 */
class GoldenFileGuardTest {
  @TempDir Path dir;

  private Path golden() throws IOException {
    Path file = dir.resolve("FooRepository.java");
    Files.writeString(file, "class FooRepository { /* as reviewed */ }", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void underCiTheUpdateSwitchFailsAndRewritesNothing() throws IOException {
    Path file = golden();
    AssertionError refused = assertThrows(AssertionError.class, () -> GoldenFileTest.compareOrRewrite(
        "class FooRepository { /* changed */ }", dir, "FooRepository.java", true, true));
    assertThat(refused).hasMessageThat().contains("refused under CI");
    assertThat(refused).hasMessageThat().contains("Regenerate them locally with "
        + GoldenFileTest.REGENERATE);
    assertThat(Files.readString(file)).isEqualTo("class FooRepository { /* as reviewed */ }");
  }

  @Test
  void locallyTheUpdateSwitchRewritesTheFile() throws IOException {
    Path file = golden();
    GoldenFileTest.compareOrRewrite(
        "class FooRepository { /* changed */ }", dir, "FooRepository.java", true, false);
    assertThat(Files.readString(file)).isEqualTo("class FooRepository { /* changed */ }");
  }

  @Test
  void withoutTheSwitchAChangedTextFailsUnderCiAndLocally() throws IOException {
    Path file = golden();
    for (boolean ci : new boolean[] {true, false}) {
      assertThrows(AssertionError.class, () -> GoldenFileTest.compareOrRewrite(
          "class FooRepository { /* changed */ }", dir, "FooRepository.java", false, ci));
      GoldenFileTest.compareOrRewrite(
          "class FooRepository { /* as reviewed */ }", dir, "FooRepository.java", false, ci);
    }
    assertThat(Files.readString(file)).isEqualTo("class FooRepository { /* as reviewed */ }");
  }

  @Test
  void ciMeansAnyNonEmptyValueButFalse() {
    for (String value : new String[] {"true", "TRUE", "1", "yes", "jenkins"}) {
      assertThat(Ci.on(value)).isTrue();
    }
    for (String value : new String[] {null, "", "  ", "false", "FALSE", " false "}) {
      assertThat(Ci.on(value)).isFalse();
    }
  }
}
