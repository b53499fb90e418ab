package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;
import dev.optilock.samples.converters.json.JsonMapConverter;
import java.util.Map;

/** Free-form attributes stored as one JSON text column, through a converter from another package. */
public record Listing(
    @Id long id,
    String title,
    @Convert(JsonMapConverter.class) Map<String, String> attributes,
    @VersionField long version) {
  public Listing withAttributes(Map<String, String> newAttributes) {
    return new Listing(id, title, newAttributes, version);
  }
}
