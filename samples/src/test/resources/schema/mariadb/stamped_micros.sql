DROP TABLE IF EXISTS `stamped_micros`;
CREATE TABLE `stamped_micros` (`id` BIGINT PRIMARY KEY, `title` TEXT, `version` BIGINT NOT NULL);
