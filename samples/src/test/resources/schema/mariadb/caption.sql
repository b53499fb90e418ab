DROP TABLE IF EXISTS `caption`;
CREATE TABLE `caption` (`name` VARCHAR(40) PRIMARY KEY, `title` TEXT, `body` TEXT, `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
