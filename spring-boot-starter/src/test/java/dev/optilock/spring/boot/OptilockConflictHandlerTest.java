package dev.optilock.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.Conflict;
import dev.optilock.runtime.RecordModifiedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The problem details the handler makes of optilock's exceptions. */
class OptilockConflictHandlerTest {
  private final OptilockConflictHandler handler = new OptilockConflictHandler(ConflictRowRenderer.asIs());

  @Test
  void aModifiedRowCarriesBothVersionsAndTheRenderedRow() {
    Widget mine = new Widget(7, "mine", 3);
    Widget theirs = new Widget(7, "theirs", 4);
    ResponseEntity<ProblemDetail> answer = handler.recordModified(
        new RecordModifiedException(Widget.class, 7L, 3L, 4L, mine, theirs));

    assertEquals(409, answer.getStatusCode().value());
    ProblemDetail problem = answer.getBody();
    assertEquals(409, problem.getStatus());
    assertEquals(OptilockConflictHandler.RECORD_MODIFIED, problem.getType());
    assertEquals("the Widget changed after you read version 3; nothing was written",
        problem.getDetail());
    Map<String, Object> properties = problem.getProperties();
    assertEquals("Widget", properties.get("entity"));
    assertEquals(7L, properties.get("id"));
    assertEquals(3L, properties.get("expectedVersion"));
    assertEquals(4L, properties.get("currentVersion"));
    assertEquals(theirs, properties.get("current"));
    assertFalse(properties.containsKey("deleted"));
  }

  @Test
  void aDeletedRowSaysSoAndHasNoCurrentVersionOrRow() {
    Instant read = Instant.parse("2026-12-06T10:15:30.123456Z");
    ProblemDetail problem = handler.recordModified(
        new RecordModifiedException(Widget.class, 7L, read, null, new Widget(7, "x", 1), null))
        .getBody();

    Map<String, Object> properties = problem.getProperties();
    assertEquals(true, properties.get("deleted"));
    assertEquals("2026-12-06T10:15:30.123456Z", properties.get("expectedVersion"), "as text");
    assertFalse(properties.containsKey("currentVersion"));
    assertFalse(properties.containsKey("current"));
  }

  @Test
  void aRendererThatReturnsNullLeavesTheRowOut() {
    ProblemDetail problem = new OptilockConflictHandler(ConflictRowRenderer.omit()).recordModified(
        new RecordModifiedException(Widget.class, 7L, 3L, 4L, new Widget(7, "a", 3),
            new Widget(7, "b", 4))).getBody();

    assertFalse(problem.getProperties().containsKey("current"));
    assertEquals(4L, problem.getProperties().get("currentVersion"));
  }

  @Test
  void aBatchConflictListsTheFirstRowsAndCountsAll() {
    List<Conflict<Widget>> conflicts = new ArrayList<>();
    for (long id = 1; id <= 150; id++) {
      conflicts.add(new Conflict<>(id, 1L, id == 2 ? Optional.empty() : Optional.of(2L),
          new Widget(id, "w", 1)));
    }
    ProblemDetail problem = handler.batchConflict(
        new BatchConflictException(Widget.class, conflicts, 200)).getBody();

    assertEquals(409, problem.getStatus());
    assertEquals(OptilockConflictHandler.BATCH_CONFLICT, problem.getType());
    assertEquals(150, problem.getProperties().get("conflictCount"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) problem.getProperties().get("conflicts");
    assertEquals(OptilockConflictHandler.LISTED, listed.size());
    assertEquals(Map.of("id", 1L, "expectedVersion", 1L, "currentVersion", 2L), listed.get(0));
    assertEquals(Map.of("id", 2L, "expectedVersion", 1L, "deleted", true), listed.get(1));
    assertNull(listed.get(1).get("currentVersion"));
  }
}
