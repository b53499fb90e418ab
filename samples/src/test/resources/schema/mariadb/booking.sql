-- A composite primary key of three columns of three types (text, date, integer).
DROP TABLE IF EXISTS `booking`;
CREATE TABLE `booking` (
  `room` VARCHAR(64) NOT NULL,
  `day` DATE NOT NULL,
  `slot` INT NOT NULL,
  `guest` TEXT,
  `version` INT NOT NULL,
  PRIMARY KEY (`room`, `day`, `slot`)
) CHARACTER SET utf8mb4;
