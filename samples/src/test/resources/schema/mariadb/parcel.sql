-- A composite primary key of a text and a number; the version is a TRIGGER version.
DROP TABLE IF EXISTS `parcel`;
CREATE TABLE `parcel` (
  `carrier` VARCHAR(64) NOT NULL,
  `tracking_no` BIGINT NOT NULL,
  `status` TEXT,
  `version` BIGINT NOT NULL,
  PRIMARY KEY (`carrier`, `tracking_no`)
) CHARACTER SET utf8mb4;
