-- A composite primary key: the order, and the line's number within it.
DROP TABLE IF EXISTS `order_line`;
CREATE TABLE `order_line` (
  `order_id` BIGINT NOT NULL,
  `line_no` INT NOT NULL,
  `product` TEXT,
  `quantity` INT NOT NULL,
  `version` BIGINT NOT NULL,
  PRIMARY KEY (`order_id`, `line_no`)
) CHARACTER SET utf8mb4;
