package dev.optilock.processor;

/** The Java types a column can have, as far as binding and reading are concerned. */
enum ColumnType {
  STRING,
  BOOLEAN,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  CHAR,
  BIG_DECIMAL,
  BYTES,
  UUID,
  ENUM,
  LOCAL_DATE,
  LOCAL_DATE_TIME,
  INSTANT,
  OFFSET_DATE_TIME;

  /** Whether a counter {@code @VersionField} may have this type. */
  boolean isCounter() {
    return this == INT || this == LONG;
  }

  /**
   * Whether this is a date-time ({@code LocalDateTime}, {@code Instant}, {@code OffsetDateTime}):
   * text on SQLite, which other programs may write in other forms for the same time.
   */
  boolean isDateTime() {
    return this == LOCAL_DATE_TIME || this == INSTANT || this == OFFSET_DATE_TIME;
  }

  /** Whether an {@code @Id} may have this type: value equality and exact storage. */
  boolean canBeKey() {
    return this != BYTES && this != FLOAT && this != DOUBLE;
  }
}
