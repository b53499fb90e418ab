DROP TABLE IF EXISTS `queries_post`;
CREATE TABLE `queries_post` (
  `id` BIGINT PRIMARY KEY,
  `author` TEXT,
  `title` TEXT,
  `rating` INT,
  `draft` BOOLEAN NOT NULL,
  `published` DATETIME(6),
  `status` VARCHAR(20),
  `version` BIGINT NOT NULL
) CHARACTER SET utf8mb4;
