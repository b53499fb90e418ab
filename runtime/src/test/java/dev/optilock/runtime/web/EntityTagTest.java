package dev.optilock.runtime.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntityTagTest {
  @Test
  void versionsBecomeQuotedStrongTags() {
    assertEquals("\"7\"", EntityTag.ofVersion(7L).toString());
    assertEquals("\"2025-01-31T10:15:30.123456Z\"",
        EntityTag.ofVersion(Instant.parse("2025-01-31T10:15:30.123456Z")).toString());
    UUID uuid = UUID.fromString("0b9c1c9e-4f2e-4a52-9c55-1e1b4b0a3f11");
    assertEquals("\"" + uuid + "\"", EntityTag.ofVersion(uuid).toString());
    assertFalse(EntityTag.ofVersion(7L).weak());
  }

  @Test
  void versionTextThatCannotBeATagIsEncodedAndStaysDistinct() {
    EntityTag quoted = EntityTag.ofVersion("a \"b\"");
    assertTrue(quoted.opaque().startsWith("~"), quoted.opaque());
    assertEquals(quoted, EntityTag.parse(quoted.toString()));
    // text that looks like an encoding is encoded too, so no two versions share a tag
    EntityTag tilde = EntityTag.ofVersion(quoted.opaque());
    assertNotEquals(quoted, tilde);
    assertNotEquals(EntityTag.ofVersion("x y"), EntityTag.ofVersion("x_y"));
  }

  @Test
  void weakTagsPrintWithTheirPrefix() {
    assertEquals("W/\"7\"", EntityTag.weak("7").toString());
  }

  @Test
  void theConstructorRefusesCharactersAnEntityTagCannotCarry() {
    for (String bad : new String[] {"a\"b", "a b", "a\\b\u0001", "tab\t", "\u0100", "new\nline"}) {
      assertThrows(IllegalArgumentException.class, () -> EntityTag.strong(bad), bad);
    }
    assertEquals("\u00e9", EntityTag.strong("\u00e9").opaque()); // obs-text
    assertEquals("", EntityTag.strong("").opaque());               // "" is a valid tag
  }

  @Test
  void listsParseWithWhitespaceEmptyElementsAndWeakTags() {
    assertEquals(
        List.of(EntityTag.strong("a"), EntityTag.weak("b"), EntityTag.strong("c,d")),
        EntityTag.parseList(" \"a\" ,, W/\"b\",\t\"c,d\" ,"));
    assertEquals(List.of(), EntityTag.parseList(""));
    assertEquals(List.of(), EntityTag.parseList(" , ,"));
  }

  @Test
  void malformedListsAreRefusedWithoutEchoingThem() {
    for (String bad : new String[] {"abc", "\"abc", "\"a\" \"b\"", "w/\"a\"", "W/ \"a\"", "*",
        "\"a\"b", "\"<script>\u0001\""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> EntityTag.parseList(bad), bad);
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> EntityTag.parse("\"a\", \"b\""));
    assertThrows(IllegalArgumentException.class, () -> EntityTag.parse(""));
  }

  @Test
  void strongComparisonNeverMatchesAWeakTag() {
    EntityTag strong = EntityTag.strong("1");
    EntityTag weak = EntityTag.weak("1");
    assertTrue(strong.strongMatch(EntityTag.strong("1")));
    assertFalse(strong.strongMatch(weak));
    assertFalse(weak.strongMatch(strong));
    assertFalse(weak.strongMatch(weak));
    assertTrue(weak.weakMatch(strong));
    assertFalse(strong.strongMatch(EntityTag.strong("2")));
    assertFalse(strong.weakMatch(EntityTag.weak("2")));
  }
}
