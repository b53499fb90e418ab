package dev.optilock.samples.shapes;

import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * A hand-written immutable class, the shape of value classes written before records: final
 * fields, getters, and a constructor taking every column (parameter names as the fields'). The
 * repository reads it through the getters and builds each new version as a new instance.
 */
@Table("shapes_invoice")
public final class ImmutableInvoice {
  @Id private final long id;
  private final String name;
  @VersionField private final long version;

  public ImmutableInvoice(long id, String name, long version) {
    this.id = id;
    this.name = name;
    this.version = version;
  }

  public long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public long getVersion() {
    return version;
  }

  public ImmutableInvoice withName(String name) {
    return new ImmutableInvoice(id, name, version);
  }
}
