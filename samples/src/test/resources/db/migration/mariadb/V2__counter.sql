CREATE TABLE `counter` (
  `id` BIGINT NOT NULL,
  `label` TEXT,
  `hits` BIGINT NOT NULL,
  `version` BIGINT NOT NULL,
  PRIMARY KEY (`id`)
) CHARACTER SET utf8mb4;
