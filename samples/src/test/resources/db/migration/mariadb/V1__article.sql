CREATE TABLE `article` (
  `id` BIGINT NOT NULL,
  `title` TEXT,
  `body` TEXT,
  `version` BIGINT NOT NULL,
  PRIMARY KEY (`id`)
) CHARACTER SET utf8mb4;
