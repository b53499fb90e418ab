DROP TABLE IF EXISTS `listing`;
CREATE TABLE `listing` (`id` BIGINT PRIMARY KEY, `title` TEXT, `attributes` TEXT, `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
