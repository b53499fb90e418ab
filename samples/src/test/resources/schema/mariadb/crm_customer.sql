-- A table for com.example.crm.Customer (samples-legacy), made versioned with @VersionedType: the
-- class has no version field, so the version column (row_version) lives only here.
DROP TABLE IF EXISTS `crm_customer`;
CREATE TABLE `crm_customer` (`id` BIGINT PRIMARY KEY, `name` TEXT, `email` TEXT, `row_version` BIGINT NOT NULL) CHARACTER SET utf8mb4;
