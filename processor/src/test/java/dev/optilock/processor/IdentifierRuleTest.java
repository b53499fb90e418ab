package dev.optilock.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.optilock.runtime.TriggerDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor checks identifiers at compile time ({@link Names#identifierProblem}); the runtime
 * checks the same names again when a {@link TriggerDefinition} is built (from code or from a
 * {@code triggers.list}), because it pastes them into DDL. The processor may not depend on the
 * runtime, so the rule is written twice: this table keeps the two copies in agreement.
 */
class IdentifierRuleTest {
  private static final List<String> EXAMPLES = List.of(
      "article", "order_line", "_", "_1", "A", "A1_b2", "order", "select", "user", "TABLE",
      "x".repeat(63), "x".repeat(64), "", " ", "1abc", "9", "a b", "a-b", "a.b", "a,b", "a;b", "a`b",
      "a\"b", "a'b", "a\nb", "a\rb", "a\tb", "a\u0000b", "é", "straße", "x\"; DROP TABLE t; --",
      "x`; DROP TABLE t; --", "a$b", "a\u200bb");

  @Test
  void theRuntimeAcceptsExactlyTheIdentifiersTheProcessorAccepts() {
    for (String name : EXAMPLES) {
      String problem = Names.identifierProblem(name);
      String runtime;
      try {
        new TriggerDefinition("com.example.Counter", name, "id", "version", "t");
        runtime = null;
      } catch (IllegalArgumentException e) {
        runtime = e.getMessage();
      }
      if (problem == null) {
        assertWithMessage("the runtime refuses %s, which the processor accepts", name)
            .that(runtime).isNull();
      } else {
        assertWithMessage("the runtime accepts %s, which the processor refuses (%s)", name, problem)
            .that(runtime).isNotNull();
        assertWithMessage("the reason for %s", name).that(runtime).endsWith(": " + problem);
      }
    }
  }
}
