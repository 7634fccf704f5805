-- MariaDB's version of ../V9__lifecycle.sql: the same table, with MEDIUMTEXT for the text and
-- MariaDB's engine, character set and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS registry_lifecycle (
    lifecycle_id INTEGER    NOT NULL,
    description  MEDIUMTEXT NOT NULL,
    CONSTRAINT pk_registry_lifecycle PRIMARY KEY (lifecycle_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
