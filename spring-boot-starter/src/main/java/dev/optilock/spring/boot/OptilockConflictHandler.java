package dev.optilock.spring.boot;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.RecordModifiedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link RecordModifiedException} or {@link BatchConflictException} that escapes a Spring
 * MVC handler with {@code 409 Conflict} and an RFC 9457 problem detail ({@code
 * application/problem+json}):
 *
 * <pre>{@code
 * {
 *   "type": "urn:optilock:problem:record-modified",
 *   "title": "Record modified",
 *   "status": 409,
 *   "detail": "the Article changed after you read version 3; nothing was written",
 *   "instance": "/articles/42",
 *   "entity": "Article",
 *   "id": 42,
 *   "expectedVersion": 3,
 *   "currentVersion": 4,
 *   "current": {"id": 42, "title": "Theirs", "version": 4}
 * }
 * }</pre>
 *
 * <p>When the row was deleted, {@code deleted} is {@code true} and {@code currentVersion} and
 * {@code current} are absent. {@code current} is what the {@link ConflictRowRenderer} makes of the
 * row. A batch conflict lists up to {@value #LISTED} rows under {@code conflicts} (each with {@code
 * id}, {@code expectedVersion}, and {@code currentVersion} or {@code deleted}) and counts all of
 * them in {@code conflictCount}. Ids and versions that are numbers, strings or booleans stay so;
 * others (a composite key, an {@code Instant} version) are sent as their {@code toString()}.
 *
 * <p>Auto-configured by {@link OptilockWebMvcAutoConfiguration} unless the application defines a
 * bean of this type (a subclass, to change one method). An {@code @ExceptionHandler} for these
 * exceptions in one of the application's own {@code @ControllerAdvice} classes also wins, unless
 * that advice is ordered after the default ({@code @Order(Ordered.LOWEST_PRECEDENCE)}): Spring asks
 * advice in order, and among advice of equal order, the application's before this one.
 */
@RestControllerAdvice
public class OptilockConflictHandler {
  /** The {@code type} of a single row's conflict. */
  public static final URI RECORD_MODIFIED = URI.create("urn:optilock:problem:record-modified");
  /** The {@code type} of a batch's conflict. */
  public static final URI BATCH_CONFLICT = URI.create("urn:optilock:problem:batch-conflict");
  /** How many rows of a batch conflict the body lists. */
  public static final int LISTED = 100;

  private final ConflictRowRenderer renderer;

  /**
   * A handler that renders the current row with {@code renderer}.
   *
   * @throws NullPointerException when {@code renderer} is null
   */
  public OptilockConflictHandler(ConflictRowRenderer renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  /** The 409 answer to a single row's conflict. */
  @ExceptionHandler(RecordModifiedException.class)
  public ResponseEntity<ProblemDetail> recordModified(RecordModifiedException e) {
    String entity = e.entityType().getSimpleName();
    boolean deleted = e.actualVersion().isEmpty();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, deleted
        ? "the " + entity + " was deleted after you read version " + e.expectedVersion()
            + "; nothing was written"
        : "the " + entity + " changed after you read version " + e.expectedVersion()
            + "; nothing was written");
    problem.setType(RECORD_MODIFIED);
    problem.setTitle("Record modified");
    problem.setProperty("entity", entity);
    problem.setProperty("id", scalar(e.id()));
    problem.setProperty("expectedVersion", scalar(e.expectedVersion()));
    if (deleted) {
      problem.setProperty("deleted", true);
    } else {
      problem.setProperty("currentVersion", scalar(e.actualVersion().get()));
    }
    e.current().map(renderer::render).ifPresent(row -> problem.setProperty("current", row));
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  /** The 409 answer to a batch's conflict: nothing of the batch was written. */
  @ExceptionHandler(BatchConflictException.class)
  public ResponseEntity<ProblemDetail> batchConflict(BatchConflictException e) {
    String entity = e.entityType().getSimpleName();
    List<Conflict<?>> conflicts = e.conflicts();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        conflicts.size() + " " + entity + " rows changed after you read them; nothing was written");
    problem.setType(BATCH_CONFLICT);
    problem.setTitle("Batch conflict");
    problem.setProperty("entity", entity);
    problem.setProperty("conflictCount", conflicts.size());
    List<Map<String, Object>> listed = new ArrayList<>();
    for (Conflict<?> conflict : conflicts.subList(0, Math.min(LISTED, conflicts.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", scalar(conflict.id()));
      row.put("expectedVersion", scalar(conflict.expectedVersion()));
      if (conflict.deleted()) {
        row.put("deleted", true);
      } else {
        row.put("currentVersion", scalar(conflict.actualVersion().get()));
      }
      listed.add(row);
    }
    problem.setProperty("conflicts", listed);
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  private static Object scalar(Object value) {
    return value == null || value instanceof Number || value instanceof String
        || value instanceof Boolean ? value : value.toString();
  }
}
