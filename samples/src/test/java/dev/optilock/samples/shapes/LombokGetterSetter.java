package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import lombok.Getter;
import lombok.Setter;

/** Lombok's {@code @Getter @Setter} and the implicit no-arg constructor: updated in place. */
@Getter
@Setter
@Table("shapes_lombok_bean")
public class LombokGetterSetter {
  @Id private long id;
  private String name;
  @VersionField private long version;
}
