package dev.optilock.samples.reliability;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** The entity of {@link HostileInputTest}: one large text column. */
public record HostileText(@Id long id, String body, @VersionField long version) {
  public HostileText withBody(String newBody) {
    return new HostileText(id, newBody, version);
  }
}
