package dev.optilock.samples.converters;

import dev.optilock.Column;
import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;

/** A money value stored as a number, the cents, in a column named explicitly. */
public record Payment(
    @Id long id,
    String payer,
    @Column("amount_cents") @Convert(EuroCentsConverter.class) Money amount,
    @VersionField int version) {
  public Payment withAmount(Money newAmount) {
    return new Payment(id, payer, newAmount, version);
  }
}
