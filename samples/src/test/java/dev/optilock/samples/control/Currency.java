package dev.optilock.samples.control;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** An entity whose key field is not called {@code id}: messages name it {@code code}. */
public record Currency(@Id String code, String name, @VersionField long version) {
  public Currency withName(String newName) {
    return new Currency(code, newName, version);
  }
}
