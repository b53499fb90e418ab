package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import lombok.Getter;
import lombok.RequiredArgsConstructor;

/** Lombok's {@code @RequiredArgsConstructor} over final fields, with {@code @Getter}: immutable. */
@RequiredArgsConstructor
@Getter
@Table("shapes_lombok_required")
public class LombokRequiredArgs {
  @Id private final long id;
  private final String name;
  @VersionField private final long version;
}
