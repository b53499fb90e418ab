package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import dev.optilock.processor.TestCompiler.Run;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The entity shapes teams write besides records and JavaBeans (docs/entities.md): hand-written
 * immutable classes, Lombok's annotations with Lombok's own processor running before and after
 * optilock's, and classes shaped like Kotlin's kapt stubs. Each compiles, and its repository reaches
 * the entity the way the shape offers (accessors and constructors rather than fields); the
 * end-to-end behaviour on the databases is the samples' {@code ShapesTest}.
 */
class ShapesTest {

  // ---- hand-written classes ----

  @Test
  void aClassWithFinalFieldsGettersAndAnAllArgsConstructorIsImmutable() {
    Run run = compile(source("test.Invoice", """
        package test;

        import dev.optilock.*;

        public final class Invoice {
          @Id private final long id;
          private final String customer;
          @VersionField private final long version;

          public Invoice(long id, String customer, long version) {
            this.id = id;
            this.customer = customer;
            this.version = version;
          }

          public long getId() { return id; }
          public String getCustomer() { return customer; }
          public long getVersion() { return version; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    GeneratedCodeTest.assertContract(run, "test.Invoice", "long", "long");
    String code = run.generated("test.InvoiceRepository");
    // a new version is a new instance, built through the constructor; read through the getters
    assertThat(code).contains("return new Invoice(invoice.getId(), invoice.getCustomer(), version);");
    assertThat(code).contains("statement.setString(index, invoice.getCustomer());");
    assertThat(code).doesNotContain("invoice.version");
  }

  @Test
  void recordStyleAccessorsAndAGeneratedKeyThroughTheConstructor() {
    Run run = compile(source("test.Ticket", """
        package test;

        import dev.optilock.*;

        public final class Ticket {
          @Id(generated = true) private final Long id;
          private final String subject;
          private final boolean open;
          @VersionField private final int version;

          public Ticket(Long id, String subject, boolean open, int version) {
            this.id = id;
            this.subject = subject;
            this.open = open;
            this.version = version;
          }

          public Long id() { return id; }
          public String subject() { return subject; }
          public boolean isOpen() { return open; }
          public int version() { return version; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.TicketRepository");
    assertThat(code).contains(
        "return new Ticket(ticket.id(), ticket.subject(), ticket.isOpen(), (Integer) version);");
    assertThat(code).contains(
        "return new Ticket((Long) key, ticket.subject(), ticket.isOpen(), ticket.version());");
  }

  @Test
  void aClassWhoseVersionTheRepositoryMaySetIsStillUpdatedInPlace() {
    // Note of the samples: package-private, non-final fields and an all-args constructor.
    Run run = compile(source("test.Note", """
        package test;

        import dev.optilock.*;

        public class Note {
          @Id long id;
          @VersionField int version;
          String text;

          public Note(long id, int version, String text) {
            this.id = id;
            this.version = version;
            this.text = text;
          }

          public long id() { return id; }
          public int version() { return version; }
        }
        """));
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.NoteRepository");
    assertThat(code).contains("note.version = (Integer) version;");
    assertThat(code).contains("return note;");
    assertThat(code).contains("statement.setString(index, note.text);");
  }

  @Test
  void aGeneratedKeyOfAMutableClassStillNeedsASetter() {
    JavaFileObject source = source("test.Ticket", """
        package test;

        import dev.optilock.*;

        public class Ticket {
          @Id(generated = true) private Long id;
          @VersionField private int version;

          public Long getId() { return id; }
          public int getVersion() { return version; }
          public void setVersion(int version) { this.version = version; }
        }
        """);
    Run run = compile(source);
    CatalogTest.assertOnlyError(run, Message.OL006_NOT_WRITABLE, source, "private Long id;");
  }

  // ---- Lombok, its processor before and after optilock's ----

  private static final String LOMBOK_PROCESSOR =
      "lombok.launch.AnnotationProcessorHider$AnnotationProcessor";

  private static Processor lombok() {
    try {
      return (Processor) Class.forName(LOMBOK_PROCESSOR).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Lombok is not on the test class path", e);
    }
  }

  /** Compiles {@code source} with Lombok first ({@code lombokFirst}) or optilock first. */
  private static Run withLombok(boolean lombokFirst, JavaFileObject source) {
    if (lombokFirst) {
      // TestCompiler puts optilock first; here Lombok goes before it.
      RecordingProcessor optilock = new RecordingProcessor();
      List<Processor> processors = new ArrayList<>(List.of(lombok(), optilock));
      Compilation compilation = com.google.testing.compile.Compiler.javac()
          .withProcessors(processors).withOptions(TestCompiler.LINT).compile(source);
      return new Run(compilation, optilock);
    }
    return compile(List.of(), List.of(lombok()), source);
  }

  private static JavaFileObject lombokEntity(String annotations, String fields) {
    return source("test.Item", """
        package test;

        import dev.optilock.*;
        import lombok.*;
        import lombok.experimental.*;

        %s
        public class Item {
        %s
        }
        """.formatted(annotations, fields));
  }

  private static final String FINAL_FIELDS = """
        @Id private final long id;
        private final String name;
        @VersionField private final long version;
      """;

  private static final String PLAIN_FIELDS = """
        @Id long id;
        String name;
        @VersionField long version;
      """;

  private static final String PRIVATE_FIELDS = """
        @Id private long id;
        private String name;
        @VersionField private long version;
      """;

  /** Compiles, and returns the generated repository's text. */
  private static String assertCompiles(Run run) {
    assertWithMessage(run.diagnostics()).that(run.compilation().status())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage(run.diagnostics()).that(run.compilation().warnings()).isEmpty();
    GeneratedCodeTest.assertContract(run, "test.Item", "long", "long");
    return run.generated("test.ItemRepository");
  }

  private static final String IMMUTABLE = "return new Item(item.getId(), item.getName(), version);";
  private static final String SETTER = "item.setVersion(version);";

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokValue(boolean lombokFirst) {
    // @Value makes the (package-private looking) fields private and final: before this shape was
    // read from what Lombok leaves, the repository wrote item.version and did not compile.
    String code = assertCompiles(withLombok(lombokFirst, lombokEntity("@Value", PLAIN_FIELDS)));
    assertThat(code).contains(IMMUTABLE);
    assertThat(code).doesNotContain("item.version");
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokValueWith(boolean lombokFirst) {
    String code =
        assertCompiles(withLombok(lombokFirst, lombokEntity("@Value\n@With", PLAIN_FIELDS)));
    assertThat(code).contains(IMMUTABLE);
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokData(boolean lombokFirst) {
    String code = assertCompiles(withLombok(lombokFirst, lombokEntity("@Data", PRIVATE_FIELDS)));
    assertThat(code).contains(SETTER);
    assertThat(code).contains("Item entity = new Item();");
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokGetterSetter(boolean lombokFirst) {
    String code =
        assertCompiles(withLombok(lombokFirst, lombokEntity("@Getter\n@Setter", PRIVATE_FIELDS)));
    assertThat(code).contains(SETTER);
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokBuilderAllArgsConstructor(boolean lombokFirst) {
    String code = assertCompiles(withLombok(lombokFirst,
        lombokEntity("@Builder(toBuilder = true)\n@AllArgsConstructor\n@Getter", PRIVATE_FIELDS)));
    assertThat(code).contains(IMMUTABLE);
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokRequiredArgsConstructor(boolean lombokFirst) {
    String code = assertCompiles(
        withLombok(lombokFirst, lombokEntity("@RequiredArgsConstructor\n@Getter", FINAL_FIELDS)));
    assertThat(code).contains(IMMUTABLE);
  }

  @ParameterizedTest(name = "lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void lombokFieldDefaultsOnAMutableClass(boolean lombokFirst) {
    // @FieldDefaults(level = PRIVATE) hides fields that look package-private: setters, not fields
    String code = assertCompiles(withLombok(lombokFirst, lombokEntity(
        "@FieldDefaults(level = AccessLevel.PRIVATE)\n@Getter\n@Setter\n@NoArgsConstructor",
        PLAIN_FIELDS)));
    assertThat(code).contains(SETTER);
    assertThat(code).doesNotContain("item.version =");
  }

  // ---- Kotlin, as kapt's stubs show it ----

  @Test
  void aKotlinDataClassStub() {
    // What kapt writes for
    //   data class Note(@field:Id val id: Long, val title: String, val body: String?,
    //       val isPinned: Boolean, @field:VersionField val version: Long)
    // (JetBrains' annotations stand in under their simple names: the reader goes by those)
    JavaFileObject notNull = source("test.NotNull", """
        package test;
        @java.lang.annotation.Target({java.lang.annotation.ElementType.FIELD,
            java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.PARAMETER})
        public @interface NotNull {}
        """);
    JavaFileObject nullable = source("test.Nullable", """
        package test;
        @java.lang.annotation.Target({java.lang.annotation.ElementType.FIELD,
            java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.PARAMETER})
        public @interface Nullable {}
        """);
    JavaFileObject note = source("test.Note", """
        package test;

        import dev.optilock.*;

        public final class Note {
          @Id private final long id;
          @NotNull private final String title;
          @Nullable private final String body;
          private final boolean isPinned;
          @VersionField private final long version;

          public Note(long id, @NotNull String title, @Nullable String body, boolean isPinned,
              long version) {
            this.id = id;
            this.title = title;
            this.body = body;
            this.isPinned = isPinned;
            this.version = version;
          }

          public final long getId() { return id; }
          @NotNull public final String getTitle() { return title; }
          @Nullable public final String getBody() { return body; }
          public final boolean isPinned() { return isPinned; }
          public final long getVersion() { return version; }

          @NotNull public final Note copy(long id, @NotNull String title, @Nullable String body,
              boolean isPinned, long version) {
            return new Note(id, title, body, isPinned, version);
          }
        }
        """);
    Run run = compile(notNull, nullable, note);
    assertThat(run.compilation()).succeededWithoutWarnings();
    String code = run.generated("test.NoteRepository");
    assertThat(code).contains(
        "return new Note(note.getId(), note.getTitle(), note.getBody(), note.isPinned(), version);");
    // title is NOT NULL in createTable(); body may hold NULL
    assertThat(code).contains("createTableSql(SCHEMA, dialect, \"title\")");
  }
}
