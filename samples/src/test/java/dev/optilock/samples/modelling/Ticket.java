package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** The database assigns the key. */
public record Ticket(@Id(generated = true) long id, String subject, @VersionField int version) {
  public Ticket withSubject(String newSubject) {
    return new Ticket(id, newSubject, version);
  }
}
