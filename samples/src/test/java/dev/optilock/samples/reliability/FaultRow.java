package dev.optilock.samples.reliability;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * The entity of {@link ConnectionFaultTest}. On MariaDB the table has triggers that sleep while the
 * row being updated carries the note {@code "sleep on update"} (or the row being deleted {@code
 * "sleep on delete"}): a batch can then be caught (and killed) in
 * the middle of its writes. On PostgreSQL an AFTER UPDATE trigger sleeps on {@code "sleep on
 * update"}: the row is written but the statement has not committed yet.
 */
public record FaultRow(@Id long id, long amount, String note, @VersionField long version) {
  public FaultRow with(long newAmount, String newNote) {
    return new FaultRow(id, newAmount, newNote, version);
  }
}
