-- The server's default collation for utf8mb4 (utf8mb4_general_ci, or a uca1400 one): case-insensitive.
DROP TABLE IF EXISTS `tag`;
CREATE TABLE `tag` (`name` VARCHAR(40) PRIMARY KEY, `label` TEXT, `version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
