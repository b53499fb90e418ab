DROP TABLE IF EXISTS `payment`;
CREATE TABLE `payment` (`id` BIGINT PRIMARY KEY, `payer` TEXT, `amount_cents` BIGINT, `version` INT NOT NULL) CHARACTER SET utf8mb4;
