package dev.optilock.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text optilock writes for times on SQLite, and the texts it reads. */
class SqliteTimeTextTest {
  @Test
  void optilockWritesFixedWidthTextWithNineFractionDigits() {
    assertEquals("2026-03-29T02:30:00.123456000",
        SqliteTimes.text(LocalDateTime.parse("2026-03-29T02:30:00.123456")));
    assertEquals("2026-03-29T02:30:00.000000000Z", SqliteTimes.text(Instant.parse("2026-03-29T02:30:00Z")));
    assertEquals("2026-03-29T02:30:00.500000000+02:00",
        SqliteTimes.text(OffsetDateTime.parse("2026-03-29T02:30:00.5+02:00")));
    assertEquals("2026-03-29T02:30:00.000000000Z",
        SqliteTimes.text(OffsetDateTime.parse("2026-03-29T02:30:00+00:00")));
    assertNull(SqliteTimes.text(UUID.randomUUID()));
    assertNull(SqliteTimes.text(42L));
  }

  @Test
  void itReadsWhatOtherProgramsWrite() {
    Instant instant = Instant.parse("2026-03-29T02:30:00.123456Z");
    for (String text : new String[] {
        "2026-03-29T02:30:00.123456000Z", "2026-03-29 02:30:00.123456", "2026-03-29T02:30:00.123456",
        "2026-03-29 02:30:00.123456+00:00", "2026-03-29T04:30:00.123456+02:00",
        "2026-03-28T21:30:00.123456-05:00"}) {
      assertEquals(instant, SqliteTimes.parse(text, Instant.class), text);
    }
    assertEquals(Instant.parse("2026-03-29T02:30:00Z"), SqliteTimes.parse("2026-03-29 02:30", Instant.class));
    assertEquals(LocalDateTime.parse("2026-03-29T02:30:00.123"),
        SqliteTimes.parse("2026-03-29 02:30:00.123", LocalDateTime.class));
    assertEquals(OffsetDateTime.parse("2026-03-29T02:30:00+02:00"),
        SqliteTimes.parse("2026-03-29 02:30:00+02:00", OffsetDateTime.class));
    assertEquals(OffsetDateTime.parse("2026-03-29T02:30:00Z"),
        SqliteTimes.parse("2026-03-29 02:30:00", OffsetDateTime.class), "no offset: UTC");
  }

  @Test
  void aLocalDateTimeTakesNoOffsetAndNonsenseIsNoTime() {
    assertThrows(DateTimeException.class,
        () -> SqliteTimes.parse("2026-03-29 02:30:00+00:00", LocalDateTime.class));
    assertThrows(DateTimeException.class, () -> SqliteTimes.parse("yesterday", Instant.class));
    assertThrows(DateTimeException.class, () -> SqliteTimes.parse("2026-02-30 00:00:00", Instant.class));
  }

  @Test
  void offsetDateTimeVersionsAreTheSameWhenTheyAreTheSameInstant() {
    assertTrue(Versions.same(OffsetDateTime.parse("2026-03-29T04:30+02:00"), OffsetDateTime.parse("2026-03-29T02:30Z")));
    assertFalse(Versions.same(OffsetDateTime.parse("2026-03-29T02:30+02:00"), OffsetDateTime.parse("2026-03-29T02:30Z")));
    assertTrue(Versions.same(3L, 3L));
    assertFalse(Versions.same(3L, 3));
    assertFalse(Versions.same(null, 3L));
  }
}
