DROP TABLE IF EXISTS `document`;
CREATE TABLE `document` (
  `id` CHAR(36) PRIMARY KEY,
  `version` INT NOT NULL,
  `title` TEXT,
  `created_at` DATETIME(6)
) CHARACTER SET utf8mb4;
