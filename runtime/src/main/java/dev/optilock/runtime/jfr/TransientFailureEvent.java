package dev.optilock.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A database call failed transiently: a {@code TransientDataAccessException}. */
@Name("dev.optilock.TransientFailure")
@Label("Transient failure")
@Category({"optilock"})
@Description("A database call failed in a way that makes running the same work again correct")
@StackTrace(false)
public final class TransientFailureEvent extends jdk.jfr.Event {
  @Label("Operation")
  @Description("What was being done, with the entity and id, as in update of Article[id=4]")
  public String operation;

  @Label("SQLSTATE")
  public String sqlState;

  @Label("Vendor code")
  public int vendorCode;

  @Label("Cause")
  @Description("The driver's message without values")
  public String cause;
}
