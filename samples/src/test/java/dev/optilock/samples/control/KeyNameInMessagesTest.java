package dev.optilock.samples.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;

/**
 * A single key is named by its field in every message, as a composite key's parts are:
 * {@code Currency[code=EUR]}, not {@code Currency[id=EUR]}.
 */
class KeyNameInMessagesTest {
  @EveryDatabase
  void aConflictNamesTheKeyField(TestDatabase db) {
    CurrencyRepository currencies = new CurrencyRepository(db.fresh("currency"));
    Currency euro = currencies.insert(new Currency("EUR", "Euro", 0));
    currencies.update(euro.withName("euro"));

    RecordModifiedException stale =
        assertThrows(RecordModifiedException.class, () -> currencies.update(euro.withName("EURO")));
    assertEquals("Currency[code=EUR] was modified concurrently: expected version 1, found 2",
        stale.getMessage());
    assertEquals("EUR", stale.id());

    BatchConflictException batch = assertThrows(BatchConflictException.class,
        () -> currencies.updateAll(List.of(euro), ConflictPolicy.ABORT_ALL));
    assertEquals(true, batch.getMessage().contains("Currency[code=EUR]"), batch.getMessage());

    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> currencies.updateAll(List.of(euro, euro), ConflictPolicy.ABORT_ALL));
    assertEquals("currencies[1]: Currency[code=EUR] appears more than once; nothing was written",
        twice.getMessage());

    IllegalArgumentException unsaved = assertThrows(IllegalArgumentException.class,
        () -> currencies.update(new Currency("USD", "Dollar", 0)));
    assertEquals(true, unsaved.getMessage().contains("Currency[code=USD]"), unsaved.getMessage());
  }
}
