-- MissingTableTest's table: dropped, never created, so every statement on it fails.
DROP TABLE IF EXISTS "missing";
