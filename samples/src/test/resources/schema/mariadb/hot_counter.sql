DROP TABLE IF EXISTS `hot_counter`;
CREATE TABLE `hot_counter` (`id` BIGINT PRIMARY KEY, `hits` BIGINT NOT NULL, `last_writer` TEXT, `version` BIGINT NOT NULL) ENGINE=InnoDB CHARACTER SET utf8mb4;
