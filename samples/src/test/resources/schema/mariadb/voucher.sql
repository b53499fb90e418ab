-- The token's text compares byte for byte: an upper-cased UUID is another version.
DROP TABLE IF EXISTS `voucher`;
CREATE TABLE `voucher` (`id` BIGINT PRIMARY KEY, `note` TEXT, `token` CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL);
