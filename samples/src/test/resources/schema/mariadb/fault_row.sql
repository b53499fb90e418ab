DROP TABLE IF EXISTS `fault_row`;
CREATE TABLE `fault_row` (`id` BIGINT PRIMARY KEY, `amount` BIGINT NOT NULL, `note` TEXT, `version` BIGINT NOT NULL) ENGINE=InnoDB CHARACTER SET utf8mb4;
CREATE TRIGGER `fault_row_slow_update` BEFORE UPDATE ON `fault_row` FOR EACH ROW SET @optilock_slept = CASE WHEN NEW.`note` = 'sleep on update' THEN SLEEP(30) ELSE 0 END;
CREATE TRIGGER `fault_row_slow_delete` BEFORE DELETE ON `fault_row` FOR EACH ROW SET @optilock_slept = CASE WHEN OLD.`note` = 'sleep on delete' THEN SLEEP(30) ELSE 0 END;
