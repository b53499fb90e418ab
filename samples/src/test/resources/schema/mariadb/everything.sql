-- Every supported column type, as optilock stores it on MariaDB/MySQL (see Dialect.MARIADB):
-- UUIDs are CHAR(36), enums their name in a VARCHAR, byte[] a LONGBLOB, and LocalDateTime,
-- Instant and OffsetDateTime a DATETIME(6) (instants as UTC wall-clock time, so the offset of an
-- OffsetDateTime is not kept). DECIMAL always returns the column's scale: the column has scale 4,
-- the scale of the test values. A char is a CHAR(1) or a VARCHAR(1): CHAR(1) drops trailing
-- spaces when read, so a ' ' char comes back as an empty string (ColumnTypesTest shows it), which
-- is why `boxed_letter` is a VARCHAR(1). A float is a FLOAT or a DOUBLE: FLOAT reads back with
-- only 6 significant digits (123456.79f comes back as 123457.0f) and refuses Float.MAX_VALUE as
-- out of range, DOUBLE keeps every float exactly, which is why `boxed_single` is a DOUBLE. utf8mb4 is spelled out: a table in utf8mb3 (the old
-- "utf8") or latin1 refuses emoji in strict mode (ERROR 1366 Incorrect string value).
DROP TABLE IF EXISTS `everything`;
CREATE TABLE `everything` (
  `id` VARCHAR(64) PRIMARY KEY,
  `version` BIGINT NOT NULL,
  `label` TEXT,
  `flag` BOOLEAN NOT NULL,
  `tiny` TINYINT NOT NULL,
  `small` SMALLINT NOT NULL,
  `medium` INT NOT NULL,
  `large` BIGINT NOT NULL,
  `single` FLOAT NOT NULL,
  `dbl` DOUBLE NOT NULL,
  `letter` CHAR(1) NOT NULL,
  `boxed_flag` BOOLEAN,
  `boxed_tiny` TINYINT,
  `boxed_small` SMALLINT,
  `boxed_medium` INT,
  `boxed_large` BIGINT,
  `boxed_single` DOUBLE,
  `boxed_dbl` DOUBLE,
  `boxed_letter` VARCHAR(1),
  `amount` DECIMAL(30,4),
  `payload` LONGBLOB,
  `token` CHAR(36),
  `status` VARCHAR(32),
  `day` DATE,
  `stamp` DATETIME(6),
  `moment` DATETIME(6),
  `zoned` DATETIME(6)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
