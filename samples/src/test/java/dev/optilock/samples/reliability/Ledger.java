package dev.optilock.samples.reliability;

import dev.optilock.Id;
import dev.optilock.VersionField;

/** The entity of {@link InterleavingProperties}: a row several simulated clients fight over. */
public record Ledger(@Id long id, String text, long amount, @VersionField long version) {
  public Ledger withAmount(long newAmount, String newText) {
    return new Ledger(id, newText, newAmount, version);
  }
}
