DROP TABLE IF EXISTS `shipment`;
CREATE TABLE `shipment` (`id` BIGINT PRIMARY KEY, `customer` CHAR(36), `priority` VARCHAR(16), `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
