package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Report everything, then skip only that entity: every problem of an entity comes out of one
 * compile, each at its own line, and an entity with errors gets no repository while its valid
 * neighbours still get theirs.
 */
class SeveralProblemsTest {

  @Test
  void everyProblemOfOneEntityIsReportedInOneCompileAndNothingIsGenerated() {
    JavaFileObject source = source("test.Invoice", """
        package test;

        import dev.optilock.*;

        @Table("my invoices")
        public class Invoice {
          @Id long id;
          @Id(generated = true) long number;
          java.util.List<String> tags;
          private String customer;
          @Column("total-amount")
          java.math.BigDecimal total;
          @VersionField String version;
        }
        """);
    Run run = compile(source);

    assertThat(run.compilation()).failed();
    assertThat(run.compilation())
        .hadErrorContaining("[OL015]").inFile(source).onLineContaining("@Table(\"my invoices\")");
    assertThat(run.compilation())
        .hadErrorContaining("[OL004]").inFile(source).onLineContaining("@Id(generated = true) long number");
    assertThat(run.compilation())
        .hadErrorContaining("[OL013]").inFile(source).onLineContaining("tags");
    assertThat(run.compilation())
        .hadErrorContaining("[OL005]").inFile(source).onLineContaining("private String customer");
    assertThat(run.compilation())
        .hadErrorContaining("[OL016]").inFile(source).onLineContaining("@Column(\"total-amount\")");
    assertThat(run.compilation())
        .hadErrorContaining("[OL002]").inFile(source).onLineContaining("String version");
    assertThat(run.compilation()).hadErrorCount(6);
    run.assertNothingWritten();
  }

  @Test
  void anEntityWithErrorsDoesNotStopItsNeighbours() {
    JavaFileObject broken = source("test.Broken", """
        package test;

        import dev.optilock.*;

        public record Broken(
            long number,
            @VersionField long version) {}
        """);
    JavaFileObject fine = source("test.Fine", """
        package test;

        import dev.optilock.*;

        public record Fine(@Id long id, String title, @VersionField long version) {}
        """);
    Run run = compile(broken, fine);

    assertThat(run.compilation())
        .hadErrorContaining("[OL003]").inFile(broken).onLineContaining("record Broken");
    assertThat(run.compilation()).hadErrorCount(1);
    assertThat(run.written()).containsExactly("test.FineRepository");
  }
}
