package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.math.BigDecimal;

/**
 * A decimal key: in a PostgreSQL {@code numeric(10,2)} or MariaDB {@code DECIMAL(10,2)} column,
 * {@code 1.0} and {@code 1.00} are the same row, though {@link BigDecimal#equals} says they differ;
 * SQLite keeps decimals as exact text, where they are two rows.
 */
public record Lot(@Id BigDecimal code, String note, @VersionField long version) {
  public Lot withNote(String newNote) {
    return new Lot(code, newNote, version);
  }
}
