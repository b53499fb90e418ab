package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.util.UUID;

/**
 * A RANDOM (UUID) version kept as text with a binary collation on MariaDB and SQLite: a token that
 * another client rewrote in upper case is, for the database, another version, though {@link
 * UUID#equals} of the parsed values says it is the same.
 */
public record Voucher(@Id long id, String note, @VersionField UUID token) {
  public Voucher withNote(String newNote) {
    return new Voucher(id, newNote, token);
  }
}
