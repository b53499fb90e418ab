DROP TABLE IF EXISTS `receipt`;
CREATE TABLE `receipt` (`id` BIGINT PRIMARY KEY, `version` BIGINT NOT NULL, `created_by` TEXT, `amount_cents` BIGINT NOT NULL) CHARACTER SET utf8mb4;
