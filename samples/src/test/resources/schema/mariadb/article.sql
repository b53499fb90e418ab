DROP TABLE IF EXISTS `article`;
CREATE TABLE `article` (
  `id` BIGINT PRIMARY KEY,
  `title` TEXT,
  `body` TEXT,
  `version` BIGINT NOT NULL
);
