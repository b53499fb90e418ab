package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command runs this demo; it must show the refused lost update. */
class DemoTest {
  @Test
  void theSecondUserGetsTheConflictAndTheDemoPrintsWhatItCarries(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Demo.main(new String[] {dir.resolve("demo.db").toString()});
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertTrue(output.contains("Bob saves:       refused"), output);
    assertTrue(
        output.contains("Article[id=42] was modified concurrently: expected version 1, found 2"),
        output);
    assertTrue(output.contains("actualVersion(): 2"), output);
    assertTrue(
        output.contains(
            "In the database: Article[id=42, title=Optimistic locking, explained (and why lost"
                + " updates happen), body=First draft., version=3]"),
        output);
  }
}
