package dev.optilock.runtime;

import dev.optilock.runtime.jfr.ConflictEvent;
import dev.optilock.runtime.jfr.RetryEvent;
import dev.optilock.runtime.jfr.TransientFailureEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/** Emits the {@link dev.optilock.runtime.jfr JFR events}; each costs a flag check when off. */
final class Events {
  private Events() {}

  static void conflict(Class<?> entityType, Object id, Object expected, Object actual) {
    ConflictEvent event = new ConflictEvent();
    if (event.isEnabled()) {
      event.entity = entityType.getName();
      event.id = Objects.toString(id);
      event.expectedVersion = Objects.toString(expected);
      event.actualVersion = actual == null ? null : actual.toString();
      event.commit();
    }
  }

  static void transientFailure(String operation, SQLException cause) {
    TransientFailureEvent event = new TransientFailureEvent();
    if (event.isEnabled()) {
      event.operation = operation;
      event.sqlState = cause.getSQLState();
      event.vendorCode = cause.getErrorCode();
      event.cause = DriverMessage.of(cause);
      event.commit();
    }
  }

  static void retry(Throwable failure, int attempt, Duration backoff) {
    RetryEvent event = new RetryEvent();
    if (event.isEnabled()) {
      if (failure instanceof RecordModifiedException conflict) {
        event.entity = conflict.entityType().getName();
        event.id = Objects.toString(conflict.id());
        event.cause = "conflict: " + conflict.getMessage();
      } else if (failure instanceof BatchConflictException conflicts) {
        event.entity = conflicts.entityType().getName();
        event.cause = "conflict: " + conflicts.getMessage();
      } else {
        String operation = failure instanceof TransientDataAccessException t ? t.operation() : "";
        int of = operation.indexOf(" of ");
        int open = operation.indexOf('[', Math.max(of, 0));
        if (of >= 0 && open > of && operation.endsWith("]")) {
          event.entity = operation.substring(of + 4, open);
          String key = operation.substring(open + 1, operation.length() - 1);
          event.id = key.startsWith("id=") ? key.substring(3) : key;
        }
        event.cause = "transient: " + failure.getMessage();
      }
      event.attempt = attempt;
      event.backoff = backoff.toNanos();
      event.commit();
    }
  }
}
