DROP TABLE IF EXISTS `subscription`;
CREATE TABLE `subscription` (`id` BIGINT PRIMARY KEY, `fee` VARCHAR(64), `billing_period` VARCHAR(32), `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
