DROP TRIGGER IF EXISTS `optilock_counter_version`;
CREATE TRIGGER `optilock_counter_version` BEFORE UPDATE ON `counter` FOR EACH ROW SET NEW.`version` = OLD.`version` + 1;
