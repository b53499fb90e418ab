package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * An immutable class with record-style accessors ({@code id()}, {@code name()}) and a key the
 * database generates: insert returns a new instance with the key and version 1.
 */
@Table("shapes_ticket")
public final class ImmutableTicket {
  @Id(generated = true) private final Long id;
  private final String name;
  @VersionField private final long version;

  public ImmutableTicket(Long id, String name, long version) {
    this.id = id;
    this.name = name;
    this.version = version;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public long version() {
    return version;
  }

  public ImmutableTicket withName(String name) {
    return new ImmutableTicket(id, name, version);
  }
}
