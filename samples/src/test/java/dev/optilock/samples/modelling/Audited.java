package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** A superclass holding the key and the version: abstract and without @Table, so no repository. */
public abstract class Audited {
  @Id private long id;
  @VersionField private long version;
  private String createdBy;

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public long getVersion() {
    return version;
  }

  public void setVersion(long version) {
    this.version = version;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public void setCreatedBy(String createdBy) {
    this.createdBy = createdBy;
  }
}
