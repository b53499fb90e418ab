package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** A class entity whose key the database assigns: insert sets it on the same instance. */
public class Issue {
  @Id(generated = true) Long id;
  String title;
  @VersionField Long version;

  public Issue() {}

  public Issue(String title) {
    this.title = title;
  }
}
