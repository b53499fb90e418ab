DROP TABLE IF EXISTS `stamped_instant`;
CREATE TABLE `stamped_instant` (`id` BIGINT PRIMARY KEY, `title` TEXT, `version` DATETIME(6) NOT NULL);
