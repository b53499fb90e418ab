package dev.optilock.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The result of comparing entities with their tables: {@link Schema#verify(javax.sql.DataSource)}
 * or a repository's {@code verifySchema()}. Empty of problems when every table matches.
 *
 * <pre>{@code
 * Schema.verify(dataSource).throwIfInvalid();   // at start-up: refuse to run on a wrong schema
 * }</pre>
 *
 * @param entities the qualified names of the entities that were checked
 * @param problems every mismatch found, entity by entity
 */
public record SchemaReport(List<String> entities, List<SchemaProblem> problems) {

  public SchemaReport {
    entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
  }

  /** Whether every table matches its entity: no problems. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * Returns this report when it is valid.
   *
   * @return this report
   * @throws SchemaMismatchException listing every problem, when there is any
   */
  public SchemaReport throwIfInvalid() {
    if (!isValid()) {
      throw new SchemaMismatchException(this);
    }
    return this;
  }

  /**
   * A readable report: a summary line, then each problem and its fix on lines of their own.
   *
   * <pre>
   * 1 problem in 1 of 2 entities:
   * - StampedInstant (stamped_instant.version): ... keeps whole seconds ...
   *   Fix: ALTER TABLE "stamped_instant" ALTER COLUMN "version" TYPE TIMESTAMPTZ(6)
   * </pre>
   */
  @Override
  public String toString() {
    if (isValid()) {
      return entities.size() == 1 ? entities.get(0) + " matches its table"
          : "all " + entities.size() + " entities match their tables";
    }
    long failing = problems.stream().map(SchemaProblem::entity).distinct().count();
    StringBuilder text = new StringBuilder()
        .append(problems.size()).append(' ').append(plural(problems.size(), "problem", "problems"));
    if (entities.size() > 1) {
      text.append(" in ").append(failing).append(" of ").append(entities.size()).append(" entities");
    }
    text.append(':');
    for (SchemaProblem problem : problems) {
      text.append("\n- ").append(problem.where()).append(": ").append(problem.problem())
          .append("\n  Fix: ").append(problem.fix());
    }
    return text.toString();
  }

  private static String plural(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
