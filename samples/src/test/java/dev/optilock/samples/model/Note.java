package dev.optilock.samples.model;

import dev.optilock.Id;
import dev.optilock.VersionField;

/**
 * A class entity for ClassEntityTest without getters or setters: package-private, non-final fields
 * and a constructor taking every column in declaration order (which the repository builds rows
 * with). The repository reads the columns through the record-style accessors below and sets the
 * version field directly, since it may: a mutable class, updated in place.
 */
public class Note {
  @Id long id;
  @VersionField int version;
  String text;

  public Note(long id, int version, String text) {
    this.id = id;
    this.version = version;
    this.text = text;
  }

  public long id() {
    return id;
  }

  public int version() {
    return version;
  }

  public String text() {
    return text;
  }

  /** Changes the text in place, as an application editing a loaded note would. */
  public void edit(String newText) {
    this.text = newText;
  }

  @Override
  public String toString() {
    return "Note[id=" + id + ", version=" + version + ", text=" + text + "]";
  }
}
