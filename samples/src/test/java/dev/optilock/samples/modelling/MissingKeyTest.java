package dev.optilock.samples.modelling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.samples.control.Slot;
import dev.optilock.samples.control.SlotRepository;
import dev.optilock.samples.control.Tag;
import dev.optilock.samples.control.TagRepository;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * An entity that carries a saved version but no key (a {@code Long} key left null) names no row:
 * every write refuses it as bad input, and writes nothing, instead of reporting that a row was
 * deleted by someone else (which a retry loop would take for a conflict) or failing without a word.
 */
class MissingKeyTest {

  @EveryDatabase
  void aSavedVersionWithoutAKeyIsRefusedAndNothingIsWritten(TestDatabase db) {
    IssueRepository issues = new IssueRepository(db.fresh("issue"));
    Issue stored = issues.insert(new Issue("stored"));
    Issue keyless = new Issue("keyless");
    keyless.version = 1L;
    Issue edited = issues.findById(stored.id).orElseThrow();
    edited.title = "edited";

    Map<String, Executable> single = Map.of(
        "update", () -> issues.update(keyless),
        "tryUpdate", () -> issues.tryUpdate(keyless),
        "save", () -> issues.save(keyless),
        "delete", () -> issues.delete(keyless),
        "updateUnchecked", () -> issues.updateUnchecked(keyless),
        "updateWithoutIncrement", () -> issues.updateWithoutIncrement(keyless));
    single.forEach((call, write) -> {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, write, call);
      assertEquals("Issue[id=null] has version 1 but no key, so it names no row: set its key"
          + " (the one its row was stored with) before writing it; nothing was written",
          refused.getMessage(), call);
    });

    Map<String, Supplier<Object>> batches = Map.of(
        "updateAll", () -> issues.updateAll(List.of(edited, keyless), ConflictPolicy.SKIP_CONFLICTS),
        "deleteAll", () -> issues.deleteAll(List.of(edited, keyless), ConflictPolicy.SKIP_CONFLICTS),
        "ifUnchanged", () -> issues.ifUnchanged(List.of(edited, keyless), () -> issues.update(edited)));
    batches.forEach((call, write) -> {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, write::get, call);
      assertTrue(refused.getMessage().endsWith("[1] Issue[id=null] has version 1 but no key, so it"
          + " names no row: set its key (the one its row was stored with) before writing it;"
          + " nothing was written"), call + ": " + refused.getMessage());
    });

    Issue row = issues.findById(stored.id).orElseThrow();
    assertEquals("stored", row.title);
    assertEquals(1L, row.version);
    assertEquals(1, issues.findAll().size());
    assertEquals(1L, keyless.version, "the refused entity keeps its version");
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void aTextKeyOrAKeyPartThatIsNullIsRefusedToo(TestDatabase db) {
    TagRepository tags = new TagRepository(db.fresh("tag"));
    Tag stored = tags.insert(new Tag("red", "Red", 0));
    Tag keyless = new Tag(null, "None", 1);
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> tags.update(keyless));
    assertEquals("Tag[name=null] has version 1 but no key, so it names no row: set its key (the one"
        + " its row was stored with) before writing it; nothing was written", refused.getMessage());
    refused = assertThrows(IllegalArgumentException.class, () -> tags.updateAll(
        List.of(new Tag("red", "Crimson", stored.version()), keyless), ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(refused.getMessage().endsWith("[1] Tag[name=null] has version 1 but no key, so it"
        + " names no row: set its key (the one its row was stored with) before writing it;"
        + " nothing was written"), refused.getMessage());
    assertEquals("Red", tags.findById("red").orElseThrow().label());

    SlotRepository slots = new SlotRepository(db.fresh("slot"));
    Slot slot = slots.insert(new Slot("a", 1, "bolts", 0));
    Slot partless = new Slot(null, 1, "nuts", 1);
    refused = assertThrows(IllegalArgumentException.class, () -> slots.delete(partless));
    assertEquals("Slot[aisle=null, position=1] has version 1 but no key, so it names no row: set its"
        + " key (the one its row was stored with) before writing it; nothing was written",
        refused.getMessage());
    refused = assertThrows(IllegalArgumentException.class, () -> slots.deleteAll(
        List.of(slot, partless), ConflictPolicy.SKIP_CONFLICTS));
    assertTrue(refused.getMessage().contains("[1] Slot[aisle=null, position=1] has version 1 but no"
        + " key"), refused.getMessage());
    assertEquals(1, slots.findAll().size());
    assertEquals(0, db.activeConnections());
  }
}
