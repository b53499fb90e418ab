package dev.optilock.samples.modelling;

import dev.optilock.Table;

/** A second entity sharing {@link Audited}: its own table and repository. */
@Table("receipt")
public class Receipt extends Audited {
  private long amountCents;

  public long getAmountCents() {
    return amountCents;
  }

  public void setAmountCents(long amountCents) {
    this.amountCents = amountCents;
  }
}
