DROP TABLE IF EXISTS `tokened`;
CREATE TABLE `tokened` (`id` BIGINT PRIMARY KEY, `title` TEXT, `version` CHAR(36) NOT NULL);
