package dev.optilock.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.optilock.processor.TestCompiler.compile;
import static dev.optilock.processor.TestCompiler.source;

import dev.optilock.processor.TestCompiler.Run;
import java.util.List;
import dev.optilock.runtime.internal.Engine;
import org.junit.jupiter.api.Test;

/**
 * What each repository expects of its table ({@code SCHEMA}, checked by {@code verifySchema()}),
 * and {@code META-INF/optilock/entities.list}, the same text for every entity of the compilation,
 * which {@code dev.optilock.runtime.Schema.verify(DataSource)} reads without loading a class.
 */
class EntitySchemaTest {

  private static Run compileEntities() {
    return compile(
        source("test.Euros", """
            package test;

            public final class Euros implements dev.optilock.runtime.Converter<java.math.BigDecimal, Long> {
              public Long toColumn(java.math.BigDecimal v) { return v.movePointRight(2).longValueExact(); }
              public java.math.BigDecimal fromColumn(Long c) { return java.math.BigDecimal.valueOf(c, 2); }
            }
            """),
        source("test.Line", """
            package test;

            import dev.optilock.*;
            import java.time.Instant;

            @Table(value = "order_line", schema = "shop")
            public record Line(@Id long orderId, @Id int lineNo, @Convert(Euros.class) java.math.BigDecimal price,
                Integer quantity, char grade, Status status, @VersionField Instant version) {
              public enum Status { OPEN, SHIPPED }
            }
            """),
        source("test.Ticket", """
            package test;

            import dev.optilock.*;

            public record Ticket(@Id(generated = true) Long id, byte[] body,
                @VersionField(strategy = VersionStrategy.TRIGGER) long version) {}
            """),
        source("test.Token", """
            package test;

            import dev.optilock.*;

            public class Token {
              @Id java.util.UUID id;
              java.time.LocalDate day;
              @VersionField java.util.UUID version;
            }
            """));
  }

  @Test
  void everyRepositoryDeclaresWhatItsTableMustBeLike() {
    Run run = compileEntities();
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.generated("test.LineRepository")).contains("""
            public static final EntitySchema SCHEMA = EntitySchema.of(
                    "test.Line", "test.LineRepository", "shop.order_line",
                    "order_id long KEY",
                    "line_no int KEY",
                    "price Long",
                    "quantity Integer",
                    "grade char",
                    "status enum",
                    "version Instant VERSION TIMESTAMP");
        """);
    assertThat(run.generated("test.TicketRepository")).contains("""
            public static final EntitySchema SCHEMA = EntitySchema.of(
                    "test.Ticket", "test.TicketRepository", "ticket",
                    "id Long KEY GENERATED",
                    "body byte[]",
                    "version long VERSION TRIGGER optilock_ticket_version");
        """);
    assertThat(run.generated("test.TokenRepository")).contains("""
                    "id UUID KEY",
                    "day LocalDate",
                    "version UUID VERSION RANDOM");
        """);
    // the engine (verifySchema() of the inherited EngineRepository) runs Schema.verify(dataSource, SCHEMA)
    assertThat(run.generated("test.TokenRepository")).contains(
        "super(" + Engine.CONTRACT + ", dataSource, Token.class, SCHEMA, BOXED_VERSION,"
            + " TokenRepository::createTableSql)");
  }

  @Test
  void theEntitiesListHasEveryEntityOfTheCompilation() {
    Run run = compileEntities();
    assertThat(run.compilation()).succeededWithoutWarnings();
    assertThat(run.processor().originatingElements())
        .containsEntry("/META-INF/optilock/entities.list (resource)",
            List.of("test.Line", "test.Ticket", "test.Token"));
    String list = run.resource("META-INF/optilock/entities.list");
    assertThat(list.lines().toList()).containsExactly(
        "# entity\trepository\ttable\tcolumns (written by optilock)",
        "test.Line\ttest.LineRepository\tshop.order_line\torder_id long KEY\tline_no int KEY"
            + "\tprice Long\tquantity Integer\tgrade char\tstatus enum"
            + "\tversion Instant VERSION TIMESTAMP",
        "test.Ticket\ttest.TicketRepository\tticket\tid Long KEY GENERATED\tbody byte[]"
            + "\tversion long VERSION TRIGGER optilock_ticket_version",
        "test.Token\ttest.TokenRepository\ttoken\tid UUID KEY\tday LocalDate"
            + "\tversion UUID VERSION RANDOM").inOrder();
  }

  /** An entity with an error gets no repository, and no line in the list either. */
  @Test
  void anEntityWithAnErrorIsNotListed() {
    Run run = compile(
        source("test.Fine", """
            package test;

            import dev.optilock.*;

            public record Fine(@Id long id, @VersionField long version) {}
            """),
        source("test.Broken", """
            package test;

            import dev.optilock.*;

            public record Broken(@Id long id, @VersionField String version) {}
            """));
    assertWithMessage(run.diagnostics()).that(run.compilation().errors()).hasSize(1);
    assertThat(run.processor().originatingElements())
        .containsEntry("/META-INF/optilock/entities.list (resource)", List.of("test.Fine"));
  }
}
