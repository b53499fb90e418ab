-- A composite key whose text part uses the server's default, case-insensitive collation.
DROP TABLE IF EXISTS `slot`;
CREATE TABLE `slot` (
  `aisle` VARCHAR(20) NOT NULL,
  `position` INT NOT NULL,
  `item` TEXT,
  `version` BIGINT NOT NULL,
  PRIMARY KEY (`aisle`, `position`)
) CHARACTER SET utf8mb4;
