DROP TABLE IF EXISTS `page`;
CREATE TABLE `page` (`id` BIGINT PRIMARY KEY, `title` TEXT, `body` TEXT, `version` BIGINT NOT NULL);
