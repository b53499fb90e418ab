package dev.optilock.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code modify} or {@code Transactions.call(dataSource, policy, work)} is about to run its work
 * again after a conflict or a transient failure.
 */
@Name("dev.optilock.Retry")
@Label("Retry")
@Category({"optilock"})
@Description("modify or a retried transaction runs its work again after a conflict or transient failure")
@StackTrace(false)
public final class RetryEvent extends jdk.jfr.Event {
  @Label("Entity")
  @Description("The entity whose row conflicted or whose call failed; empty for a transaction"
      + " that failed transiently outside a repository call")
  public String entity;

  @Label("Id")
  public String id;

  @Label("Attempt")
  @Description("The attempt that failed (1 for the first)")
  public int attempt;

  @Label("Cause")
  @Description("conflict or transient, then the message")
  public String cause;

  @Label("Backoff")
  @Timespan(Timespan.NANOSECONDS)
  public long backoff;
}
