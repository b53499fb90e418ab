package dev.optilock.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 10: every identifier of a {@link TriggerDefinition} is pasted into DDL, so each
 * must follow the processor's rule ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters) whether
 * the definition comes from code or from a {@code triggers.list} on the class path.
 */
class TriggerDefinitionTest {

  static final List<String> HOSTILE = List.of(
      "x\"; DROP TABLE t; --", "x`; DROP TABLE t; --", "a`b", "a\"b", "a'b", "a\nb", "a\rb", "a\tb",
      "a b", "", " ", "1abc", "a-b", "a.b", "a;b", "é", "a\u0000b", "x".repeat(64));

  private static final TriggerDefinition GOOD =
      new TriggerDefinition("com.example.Counter", "counter", "id", "version", "optilock_counter_version");

  /** GOOD with one field replaced. */
  private static final List<Function<String, TriggerDefinition>> FIELDS = List.of(
      table -> new TriggerDefinition("com.example.Counter", table, "id", "version", "t"),
      id -> new TriggerDefinition("com.example.Counter", "counter", id, "version", "t"),
      version -> new TriggerDefinition("com.example.Counter", "counter", "id", version, "t"),
      name -> new TriggerDefinition("com.example.Counter", "counter", "id", "version", name));

  @Test
  void everyIdentifierFieldRefusesHostileNames() {
    for (Function<String, TriggerDefinition> field : FIELDS) {
      for (String bad : HOSTILE) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> field.apply(bad), () -> "accepted " + bad);
        assertTrue(e.getMessage().contains("not a valid SQL identifier"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("\r"), e.getMessage());
      }
    }
  }

  @Test
  void theMessageNamesTheDefinitionTheFieldAndTheEscapedName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TriggerDefinition("com.example.Counter", "x\"; DROP TABLE t; --\n", "id", "version", "t"));
    assertEquals("trigger definition t of com.example.Counter: the table \"x\\\"; DROP TABLE t; --\\n\" is not"
        + " a valid SQL identifier: it contains characters other than letters, digits and underscores,"
        + " or starts with a digit", e.getMessage());
  }

  @Test
  void keyColumnsAreCommaSeparatedIdentifiers() {
    assertEquals("order_id,line_no",
        new TriggerDefinition("com.example.Line", "line", "order_id,line_no", "version", "t").idColumn());
    for (String bad : List.of("a,", ",a", "a,,b", "a, b", "a,b\"", ",")) {
      assertThrows(IllegalArgumentException.class,
          () -> new TriggerDefinition("com.example.Line", "line", bad, "version", "t"), bad);
    }
  }

  @Test
  void reservedWordsAndTheLongestNamesAreValidBecauseTheDdlQuotesThem() {
    for (String name : List.of("order", "select", "user", "group", "TABLE", "_", "_1", "A1_b2",
        "x".repeat(63))) {
      for (Function<String, TriggerDefinition> field : FIELDS) {
        field.apply(name);
      }
    }
    assertEquals(
        List.of("CREATE TRIGGER IF NOT EXISTS \"t\" AFTER UPDATE ON \"order\" FOR EACH ROW WHEN"
            + " NEW.\"version\" IS OLD.\"version\" BEGIN UPDATE \"order\" SET \"version\" ="
            + " OLD.\"version\" + 1 WHERE \"id\" IS NEW.\"id\"; END"),
        Triggers.createStatements(Dialect.SQLITE, FIELDS.get(0).apply("order")));
  }

  @Test
  void theEntityMustBeAQualifiedJavaName() {
    for (String bad : List.of("", "com.example.", ".Counter", "com..Counter", "Counter\nMISSING x",
        "com.example.Counter; rm -rf")) {
      assertThrows(IllegalArgumentException.class,
          () -> new TriggerDefinition(bad, "counter", "id", "version", "t"), bad);
    }
    new TriggerDefinition("Counter", "counter", "id", "version", "t");
    new TriggerDefinition("com.example.Outer.Inner$1", "counter", "id", "version", "t");
    new TriggerDefinition("dev.ünicode.Zähler", "counter", "id", "version", "t");
  }

  @Test
  void aHostileTriggersListIsRefusedNamingTheFileAndLineBeforeAnyDdl(@TempDir Path dir) throws IOException {
    Path list = dir.resolve(Triggers.RESOURCE);
    Files.createDirectories(list.getParent());
    Files.writeString(list, "# entity\ttable\tid column\tversion column\ttrigger\n"
        + String.join("\t", GOOD.entity(), GOOD.table(), GOOD.idColumn(), GOOD.versionColumn(), GOOD.name())
        + "\n"
        + "com.example.Evil\tevil\"; DROP TABLE counter; --\tid\tversion\toptilock_evil_version\n",
        StandardCharsets.UTF_8);
    IllegalArgumentException e = withClassPath(dir, () -> assertThrows(IllegalArgumentException.class,
        Triggers::declared));
    assertTrue(e.getMessage().startsWith(list.toUri().toURL() + ", line 3: trigger definition"
        + " optilock_evil_version of com.example.Evil: the table \"evil\\\"; DROP TABLE counter; --\" is"
        + " not a valid SQL identifier"), e.getMessage());

    Files.writeString(list, "com.example.Short\tshort\tid\n", StandardCharsets.UTF_8);
    IllegalArgumentException shape = withClassPath(dir, () -> assertThrows(IllegalArgumentException.class,
        Triggers::declared));
    assertEquals(list.toUri().toURL() + ", line 1: a trigger definition has 5 fields separated by tabs"
        + " (entity, table, id column, version column, trigger name), but this line has 3",
        shape.getMessage());
  }

  @Test
  void aGoodTriggersListIsRead(@TempDir Path dir) throws IOException {
    Path list = dir.resolve(Triggers.RESOURCE);
    Files.createDirectories(list.getParent());
    Files.writeString(list, "\n# comment\n" + String.join("\t", GOOD.entity(), GOOD.table(),
        GOOD.idColumn(), GOOD.versionColumn(), GOOD.name()) + "\n", StandardCharsets.UTF_8);
    assertEquals(List.of(GOOD), withClassPath(dir, Triggers::declared));
  }

  /** Runs {@code body} with {@code dir} as the context class loader's only class-path entry. */
  private static <T> T withClassPath(Path dir, java.util.function.Supplier<T> body) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      thread.setContextClassLoader(loader);
      return body.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
