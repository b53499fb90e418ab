package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import lombok.Value;
import lombok.With;

/** Lombok's {@code @Value} with {@code @With}: immutable, a new instance per version. */
@Value
@With
@Table("shapes_lombok_value")
public class LombokValue {
  @Id long id;
  String name;
  @VersionField long version;
}
