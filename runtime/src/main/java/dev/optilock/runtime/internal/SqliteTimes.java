package dev.optilock.runtime.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The text optilock writes on SQLite for times, and the text it reads back as times: what {@link
 * dev.optilock.runtime.Dialect#SQLITE} binds and reads, and what the engine compares a version
 * with. Not for users.
 */
public final class SqliteTimes {
  private static final DateTimeFormatter SQLITE_LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter SQLITE_OFFSET =
      new DateTimeFormatterBuilder()
          .append(SQLITE_LOCAL)
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT);

  /** What SQLite text optilock reads as a time: ISO date and time, then an offset or none. */
  private static final DateTimeFormatter SQLITE_READ =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private SqliteTimes() {}

  /**
   * The text optilock writes on SQLite for a {@link LocalDateTime}, {@link Instant} (in UTC, with
   * {@code Z}) or {@link OffsetDateTime}: fixed-width, nine fraction digits; {@code null} for any
   * other value.
   */
  public static String text(Object value) {
    if (value instanceof LocalDateTime time) {
      return SQLITE_LOCAL.format(time);
    }
    if (value instanceof Instant time) {
      return SQLITE_OFFSET.format(time.atOffset(ZoneOffset.UTC));
    }
    if (value instanceof OffsetDateTime time) {
      return SQLITE_OFFSET.format(time);
    }
    return null;
  }

  /**
   * Parses SQLite text as a {@code type} ({@link LocalDateTime}, {@link Instant} or {@link
   * OffsetDateTime}): optilock's own form, and the forms other programs write: a space instead of
   * the {@code T} ({@code 2026-03-29 02:30:00}, as SQLite's date functions and {@code
   * CURRENT_TIMESTAMP} write), any number of fraction digits or none, and for instants and offset
   * date-times an offset ({@code Z}, {@code +00:00}, {@code +02:00}) or none, which means UTC. A
   * {@code LocalDateTime} takes no offset.
   *
   * @throws DateTimeException when the text is not such a time
   */
  public static Object parse(String text, Class<?> type) {
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11)
        : text;
    if (type == LocalDateTime.class) {
      return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    TemporalAccessor parsed = SQLITE_READ.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
    OffsetDateTime time = parsed instanceof LocalDateTime local
        ? local.atOffset(ZoneOffset.UTC)
        : (OffsetDateTime) parsed;
    return type == Instant.class ? time.toInstant() : time;
  }
}
