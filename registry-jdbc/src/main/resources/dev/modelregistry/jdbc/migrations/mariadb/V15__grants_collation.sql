-- Converts the grants table to the binary collation of mariadb/V13__access.sql, for databases
-- migrated before that script existed: the server's default collation ignores case and accents,
-- so "user:ALICE" would have matched the grants of "user:alice". Idempotent: converting a table
-- that already has this collation changes nothing.

ALTER TABLE grants ENGINE = InnoDB;

ALTER TABLE grants CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
