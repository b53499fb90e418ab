package dev.optilock.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A compare-and-set write found the row changed or deleted: a {@code RecordModifiedException}. */
@Name("dev.optilock.Conflict")
@Label("Version conflict")
@Category({"optilock"})
@Description("A compare-and-set write found the row changed or deleted since it was read")
@StackTrace(false)
public final class ConflictEvent extends jdk.jfr.Event {
  @Label("Entity")
  public String entity;

  @Label("Id")
  public String id;

  @Label("Expected version")
  public String expectedVersion;

  @Label("Actual version")
  @Description("The version stored now; empty when the row is gone")
  public String actualVersion;
}
