package dev.optilock.samples.strategies;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.util.UUID;

/** RANDOM chosen by type: a fresh UUID on every write. */
public record Tokened(@Id long id, String title, @VersionField UUID version) {
  public Tokened withTitle(String newTitle) {
    return new Tokened(id, newTitle, version);
  }
}
