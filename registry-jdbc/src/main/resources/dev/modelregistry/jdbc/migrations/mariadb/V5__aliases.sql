-- MariaDB's version of ../V5__aliases.sql: the same table, with MariaDB's engine, character set
-- and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS model_aliases (
    model_name     VARCHAR(128) NOT NULL,
    alias          VARCHAR(64)  NOT NULL,
    version_number INTEGER      NOT NULL,
    CONSTRAINT pk_model_aliases PRIMARY KEY (model_name, alias),
    CONSTRAINT fk_model_aliases_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
