package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import lombok.Data;

/** Lombok's {@code @Data}: a JavaBean, updated in place through its setters. */
@Data
@Table("shapes_lombok_data")
public class LombokData {
  @Id private long id;
  private String name;
  @VersionField private long version;
}
