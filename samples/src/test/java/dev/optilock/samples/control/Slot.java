package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A composite key with a text part in a case-insensitive column: {@code ("a", 1)} and {@code ("A",
 * 1)} are the same row for the database.
 */
public record Slot(@Id String aisle, @Id int position, String item, @VersionField long version) {
  public Slot withItem(String newItem) {
    return new Slot(aisle, position, newItem, version);
  }

  /** The same entity, its aisle spelt {@code spelling} (the same row for the database). */
  public Slot spelt(String spelling) {
    return new Slot(spelling, position, item, version);
  }
}
