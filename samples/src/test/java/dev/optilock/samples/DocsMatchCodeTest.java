package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the README and docs show a new user is what the code does: the DDL the README prints is the
 * generated {@code createTableSql}, the driver versions it names are the ones the tests run with,
 * and the converter example in docs/modelling.md is the sample's own code, word for word.
 */
class DocsMatchCodeTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readmeShowsTheDdlThatCreateTableSqlWrites() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String shown = blockAfter(readme, "For SQLite it is:", "sql");
    assertEquals(ArticleRepository.createTableSql(Dialect.SQLITE), shown.strip());
  }

  @Test
  void readmeDriverVersionsAreTheOnesTheTestsUse() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    assertTrue(readme.contains("<artifactId>sqlite-jdbc</artifactId>\n    <version>"
        + property(pom, "sqlite-jdbc.version") + "</version>"), "README's sqlite-jdbc version");
    assertTrue(readme.contains("org.postgresql:postgresql:" + property(pom, "postgresql.version")),
        "README's PostgreSQL driver version");
    assertTrue(readme.contains("org.mariadb.jdbc:mariadb-java-client:" + property(pom, "mariadb.version")),
        "README's MariaDB driver version");
  }

  @Test
  void readmeInstallsOnlyWhatUsersNeed() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains("mvn -q install -pl annotations,runtime,processor -am -DskipTests"));
  }

  @Test
  void modellingConverterExampleIsTheSampleCode() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/modelling.md"));
    Path samples = Path.of("src/test/java/dev/optilock/samples/converters");
    List<String> blocks = javaBlocks(doc);
    for (String type : List.of("Money", "MoneyConverter", "Product")) {
      String source = Files.readString(samples.resolve(type + ".java"));
      String body = source.substring(source.indexOf("/**"));
      String shown = blocks.stream()
          .filter(block -> block.contains("public record " + type + "(")
              || block.contains("public final class " + type + " "))
          .map(block -> block.startsWith("package") ? block.substring(block.indexOf("/**")) : block)
          .findFirst()
          .orElseThrow(() -> new AssertionError("docs/modelling.md shows no " + type));
      assertEquals(body.strip(), shown.strip(), type + " in docs/modelling.md");
    }
  }

  private static String blockAfter(String text, String marker, String language) {
    int at = text.indexOf(marker);
    assertTrue(at >= 0, "no \"" + marker + "\"");
    int start = text.indexOf("```" + language + "\n", at) + language.length() + 4;
    return text.substring(start, text.indexOf("```", start));
  }

  private static List<String> javaBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static String property(String pom, String name) {
    Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(matcher.find(), name);
    return matcher.group(1);
  }
}
