-- Reserved words as table and column names: they only work quoted (KEY is reserved here too).
DROP TABLE IF EXISTS `order`;
CREATE TABLE `order` (
  `id` BIGINT PRIMARY KEY,
  `user` TEXT,
  `select` TEXT,
  `group` TEXT,
  `key` BIGINT NOT NULL
) CHARACTER SET utf8mb4;
