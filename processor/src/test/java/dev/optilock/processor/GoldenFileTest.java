package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The exact text of two generated repositories, compared with {@code
 * src/test/resources/golden/*.java}.
 *
 * <p>To rewrite the golden files after an intended change to the generated code, run
 *
 * <pre>
 * OPTILOCK_UPDATE_GOLDEN=true mvn -pl processor -am verify -Dtest=GoldenFileTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>With {@code OPTILOCK_UPDATE_GOLDEN=true} the tests write what the processor generates into the
 * directory named by the system property {@code optilock.golden.dir} (set by processor/pom.xml to
 * {@code src/test/resources/golden}) and pass, instead of comparing. Then review the diff with
 * {@code git diff} before committing it: the golden files are what the generated code is meant to
 * look like.
 *
 * <p>Under CI ({@link Ci}) the golden files are never rewritten: with {@code OPTILOCK_UPDATE_GOLDEN}
 * set there the tests fail and say how to regenerate the files locally, so that a CI job cannot turn
 * a changed repository green by rewriting what it is compared with.
 */
class GoldenFileTest {
  private static final boolean UPDATE = "true".equals(System.getenv("OPTILOCK_UPDATE_GOLDEN"));
  static final String REGENERATE = "OPTILOCK_UPDATE_GOLDEN=true mvn -pl processor -am verify"
      + " -Dtest=GoldenFileTest -Dsurefire.failIfNoSpecifiedTests=false";

  @Test
  void recordArticle() throws IOException {
    JavaFileObject article = source("dev.optilock.samples.Article", """
        package dev.optilock.samples;

        import dev.optilock.Id;
        import dev.optilock.Table;
        import dev.optilock.VersionField;

        @Table("article")
        public record Article(@Id long id, String title, String body, @VersionField long version) {}
        """);
    assertGolden(compile(article), "dev.optilock.samples.ArticleRepository", "ArticleRepository.java");
  }

  @Test
  void javaBeanDocument() throws IOException {
    JavaFileObject document = source("dev.optilock.samples.Document", """
        package dev.optilock.samples;

        import dev.optilock.Id;
        import dev.optilock.VersionField;
        import java.time.Instant;
        import java.util.UUID;

        public class Document {
          @Id private UUID id;
          private String title;
          private Instant createdAt;
          @VersionField private Long version;

          public Document() {}

          public UUID getId() { return id; }
          public void setId(UUID id) { this.id = id; }
          public String getTitle() { return title; }
          public void setTitle(String title) { this.title = title; }
          public Instant getCreatedAt() { return createdAt; }
          public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
          public Long getVersion() { return version; }
          public void setVersion(Long version) { this.version = version; }
        }
        """);
    assertGolden(compile(document), "dev.optilock.samples.DocumentRepository", "DocumentRepository.java");
  }

  private static void assertGolden(Run run, String repository, String goldenName) throws IOException {
    // The golden text must be code that compiles, cleanly.
    assertThat(run.compilation()).succeededWithoutWarnings();
    String dir = System.getProperty("optilock.golden.dir");
    compareOrRewrite(run.generated(repository), dir == null ? null : Path.of(dir), goldenName,
        UPDATE, Ci.on());
  }

  /**
   * Compares {@code actual} with the golden file {@code goldenName} in {@code dir} (or, when {@code
   * dir} is null, on the test class path); with {@code update}, rewrites the file instead, unless
   * {@code ci}: then it fails, saying how to regenerate the files locally, and writes nothing.
   */
  static void compareOrRewrite(String actual, Path dir, String goldenName, boolean update, boolean ci)
      throws IOException {
    if (update && ci) {
      assertWithMessage("OPTILOCK_UPDATE_GOLDEN=true is refused under CI (CI=%s): golden files are"
          + " never rewritten there, since a rewritten file passes whatever the processor"
          + " generates. Regenerate them locally with %s, review the diff with git diff, and"
          + " commit them.", System.getenv("CI"), REGENERATE).fail();
    }
    if (update) {
      assertWithMessage("system property optilock.golden.dir (set in processor/pom.xml)")
          .that(dir).isNotNull();
      Path golden = dir.resolve(goldenName);
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).isEqualTo(expected(dir, goldenName));
  }

  /** The golden file: from {@code dir} when set, else from the test class path. */
  private static String expected(Path dir, String goldenName) throws IOException {
    if (dir != null) {
      return Files.readString(dir.resolve(goldenName), StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + goldenName)) {
      assertWithMessage("golden file /golden/" + goldenName).that(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
