package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Getter;

/**
 * Lombok's {@code @Builder} with {@code @AllArgsConstructor} and {@code @Getter}: immutable; the
 * repository builds rows with the constructor, the application with the builder.
 */
@Builder(toBuilder = true)
@AllArgsConstructor
@Getter
@Table("shapes_lombok_builder")
public class LombokBuilder {
  @Id private final long id;
  private final String name;
  @VersionField private final long version;
}
