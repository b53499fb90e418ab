package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.optilock.samples.testing.Ci;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/integration.md#plain-javac, as a user runs it: the current JDK's {@code javac}, in a process
 * of its own, with the optilock-processor jar alone on {@code -processorpath} and the annotations
 * and runtime on {@code -cp}. The entity's repository must be generated and compile, and a program
 * that uses it, run with plain {@code java} on SQLite, must insert, update and detect a stale update.
 *
 * <p>The jars are the reactor's own: the processor is the artifact Maven resolved for this module
 * (its {@code provided} dependency), which from {@code package} on is the shaded jar users get;
 * the annotations, the runtime and the SQLite driver are where this test's class path has them.
 * Nothing comes from {@code ~/.m2} beyond what the reactor built. In {@code mvn test} (no jar yet)
 * the processor is a class directory, and the test skips, or fails under CI.
 */
class PlainJavacTest {

  private static Path processorJar;

  @TempDir Path dir;

  @BeforeAll
  static void findTheProcessorJar() throws Exception {
    Path processor = home(Class.forName("dev.optilock.processor.OptilockProcessor"));
    if (!processor.toString().endsWith(".jar")) {
      String why = "the optilock processor on the class path is " + processor
          + ", not its packaged jar: run mvn verify (or package) so that the jar exists";
      if (Ci.on()) {
        fail(why + " (" + Ci.describe() + ")");
      }
      Assumptions.abort(why);
    }
    processorJar = processor;
  }

  @Test
  void theProcessorJarCarriesJavaPoetRelocatedAndTheFilesBuildToolsRead() throws IOException {
    try (ZipFile jar = new ZipFile(processorJar.toFile())) {
      assertTrue(jar.getEntry("dev/optilock/processor/shaded/javapoet/TypeSpec.class") != null,
          "JavaPoet relocated into " + processorJar);
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("com/palantir/")),
          "no unrelocated JavaPoet in " + processorJar);
      String services = new String(jar.getInputStream(
              jar.getEntry("META-INF/services/javax.annotation.processing.Processor"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("dev.optilock.processor.OptilockProcessor", services.strip());
      String gradle = new String(jar.getInputStream(
              jar.getEntry("META-INF/gradle/incremental.annotation.processors"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("dev.optilock.processor.OptilockProcessor,aggregating", gradle.strip());
      assertTrue(jar.getEntry("META-INF/optilock-processor/LICENSE-javapoet.txt") != null,
          "JavaPoet's license travels with it");
    }
  }

  @Test
  void plainJavacWithTheProcessorJarAloneGeneratesARepositoryThatWorks() throws Exception {
    Path src = dir.resolve("src/shop");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Article.java"), """
        package shop;

        import dev.optilock.Id;
        import dev.optilock.VersionField;

        public record Article(@Id long id, String title, @VersionField long version) {}
        """);
    Files.writeString(src.resolve("Main.java"), """
        package shop;

        import dev.optilock.runtime.RecordModifiedException;
        import org.sqlite.SQLiteDataSource;

        public class Main {
          public static void main(String[] args) throws Exception {
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl("jdbc:sqlite:" + args[0]);
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
              s.execute("CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT,"
                  + " version INTEGER NOT NULL)");
            }
            ArticleRepository articles = new ArticleRepository(dataSource);
            Article first = articles.insert(new Article(1, "Hello", 0));
            System.out.println("inserted version " + first.version());
            Article second = articles.update(new Article(1, "Hi", first.version()));
            System.out.println("updated version " + second.version());
            try {
              articles.update(new Article(1, "Stale", first.version()));
              System.out.println("stale update returned");
            } catch (RecordModifiedException e) {
              System.out.println("stale update refused: expected " + e.expectedVersion()
                  + ", found " + e.actualVersion().orElse(null));
            }
          }
        }
        """);
    Path out = Files.createDirectories(dir.resolve("classes"));
    String classPath = String.join(File.pathSeparator,
        annotations().toString(),
        home(dev.optilock.runtime.RecordModifiedException.class).toString(),
        home(org.sqlite.JDBC.class).toString());

    Result javac = run(tool("javac"),
        "-d", out.toString(),
        "-cp", classPath,
        "-processorpath", processorJar.toString(),
        src.resolve("Article.java").toString(),
        src.resolve("Main.java").toString());
    assertEquals(0, javac.exitCode(), javac.output());
    assertFalse(javac.output().contains("error"), javac.output());
    assertTrue(Files.isRegularFile(out.resolve("shop/ArticleRepository.class")),
        "the processor wrote and javac compiled shop.ArticleRepository");

    Path database = dir.resolve("shop.db");
    Result java = run(tool("java"),
        "-cp", out + File.pathSeparator + classPath,
        "shop.Main", database.toString());
    assertEquals(0, java.exitCode(), java.output());
    assertEquals(List.of(
            "inserted version 1",
            "updated version 2",
            "stale update refused: expected 1, found 2"),
        java.output().lines().filter(l -> !l.startsWith("WARNING")).toList(), java.output());

    // What is stored, read with plain JDBC: the update, not the stale one.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id, title, version FROM article")) {
      assertTrue(rows.next());
      assertEquals(1, rows.getLong("id"));
      assertEquals("Hi", rows.getString("title"));
      assertEquals(2, rows.getLong("version"));
      assertFalse(rows.next());
    }
  }

  /**
   * Where the annotations are on this test's class path, other than inside the processor jar
   * (which carries a copy).
   */
  private static Path annotations() throws IOException, URISyntaxException {
    String resource = "dev/optilock/VersionField.class";
    for (URL url : Collections.list(PlainJavacTest.class.getClassLoader().getResources(resource))) {
      String found = url.toString();
      Path home = found.startsWith("jar:")
          ? Paths.get(new URI(found.substring(4, found.indexOf("!/"))))
          : Paths.get(new URI(found.substring(0, found.length() - resource.length())));
      if (!home.equals(processorJar)) {
        return home;
      }
    }
    throw new AssertionError("no optilock-annotations on the class path besides " + processorJar);
  }

  /** The class directory or jar {@code type} was loaded from. */
  private static Path home(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** A tool of the JDK that runs this test. */
  private static String tool(String name) {
    String file = File.separatorChar == '\\' ? name + ".exe" : name;
    return Paths.get(System.getProperty("java.home"), "bin", file).toString();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), "finished: " + String.join(" ", command));
    return new Result(process.exitValue(), output);
  }
}
