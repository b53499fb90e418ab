DROP TABLE IF EXISTS `stamped_offset`;
CREATE TABLE `stamped_offset` (`id` BIGINT PRIMARY KEY, `title` TEXT, `version` DATETIME(6) NOT NULL);
