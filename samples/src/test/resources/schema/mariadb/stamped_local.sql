DROP TABLE IF EXISTS `stamped_local`;
CREATE TABLE `stamped_local` (`id` BIGINT PRIMARY KEY, `title` TEXT, `version` DATETIME(6) NOT NULL);
