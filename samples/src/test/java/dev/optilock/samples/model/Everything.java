package dev.optilock.samples.model;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One column of every type optilock supports, for ColumnTypesTest: primitives (never null), their
 * boxes (nullable), and the reference types that go through {@code Dialect} or {@code Columns}.
 *
 * <p>The DDL is {@code schema/<database>/everything.sql}; the column of each component is its name in
 * snake_case.
 */
public record Everything(
    @Id String id,
    @VersionField Long version,
    String label,
    boolean flag,
    byte tiny,
    short small,
    int medium,
    long large,
    float single,
    double dbl,
    char letter,
    Boolean boxedFlag,
    Byte boxedTiny,
    Short boxedSmall,
    Integer boxedMedium,
    Long boxedLarge,
    Float boxedSingle,
    Double boxedDbl,
    Character boxedLetter,
    BigDecimal amount,
    byte[] payload,
    UUID token,
    Status status,
    LocalDate day,
    LocalDateTime stamp,
    Instant moment,
    OffsetDateTime zoned) {

  /** A row with the given id whose every nullable column is null and every primitive is zero. */
  public static Everything empty(String id) {
    return new Everything(id, null, null, false, (byte) 0, (short) 0, 0, 0L, 0f, 0d, 'a',
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  public Everything withVersion(Long newVersion) {
    return new Everything(id, newVersion, label, flag, tiny, small, medium, large, single, dbl,
        letter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        boxedLetter, amount, payload, token, status, day, stamp, moment, zoned);
  }

  public Everything withLabel(String newLabel) {
    return new Everything(id, version, newLabel, flag, tiny, small, medium, large, single, dbl,
        letter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        boxedLetter, amount, payload, token, status, day, stamp, moment, zoned);
  }

  public Everything withLetters(char newLetter, Character newBoxedLetter) {
    return new Everything(id, version, label, flag, tiny, small, medium, large, single, dbl,
        newLetter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        newBoxedLetter, amount, payload, token, status, day, stamp, moment, zoned);
  }

  public Everything withAmount(BigDecimal newAmount) {
    return new Everything(id, version, label, flag, tiny, small, medium, large, single, dbl,
        letter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        boxedLetter, newAmount, payload, token, status, day, stamp, moment, zoned);
  }

  public Everything withPayload(byte[] newPayload) {
    return new Everything(id, version, label, flag, tiny, small, medium, large, single, dbl,
        letter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        boxedLetter, amount, newPayload, token, status, day, stamp, moment, zoned);
  }

  public Everything withTimes(
      LocalDate newDay, LocalDateTime newStamp, Instant newMoment, OffsetDateTime newZoned) {
    return new Everything(id, version, label, flag, tiny, small, medium, large, single, dbl,
        letter, boxedFlag, boxedTiny, boxedSmall, boxedMedium, boxedLarge, boxedSingle, boxedDbl,
        boxedLetter, amount, payload, token, status, newDay, newStamp, newMoment, newZoned);
  }
}
