DROP TABLE IF EXISTS `priced_item`;
CREATE TABLE `priced_item` (`id` BIGINT PRIMARY KEY, `note` TEXT, `price` VARCHAR(64), `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
