-- The initial metadata schema, MariaDB's version of ../V1__init.sql: the same tables, columns
-- and keys, except where InnoDB's limits force a difference:
--
-- * Rows are limited to 65,535 bytes counting every VARCHAR at its maximum (4 bytes a character
--   in utf8mb4), so the 16,384-character texts are MEDIUMTEXT.
-- * Index keys are limited to 3,072 bytes, so version_files cannot key on a 1,024-character
--   path: its primary key is the file's position, and a unique key on the SHA-256 of the path
--   keeps paths unique within a version.
--
-- Every table uses utf8mb4 with the binary, no-pad collation, so that keys compare like Java
-- strings: 'Fraud' and 'fraud' differ, and so do 'k' and 'k ' (the server's default collation is
-- case-insensitive and ignores trailing spaces). The index is declared in CREATE TABLE, not by
-- CREATE INDEX IF NOT EXISTS, which MySQL lacks. Migrations holds a named lock while this runs,
-- since MariaDB commits each DDL statement on its own.

CREATE TABLE IF NOT EXISTS models (
    model_name   VARCHAR(128) NOT NULL,
    description  MEDIUMTEXT   NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL,
    next_version INTEGER      NOT NULL,
    CONSTRAINT pk_models PRIMARY KEY (model_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS model_tags (
    model_name VARCHAR(128)  NOT NULL,
    item_key   VARCHAR(250)  NOT NULL,
    item_value VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_model_tags PRIMARY KEY (model_name, item_key),
    CONSTRAINT fk_model_tags_model FOREIGN KEY (model_name) REFERENCES models (model_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS versions (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    stage          VARCHAR(64)  NOT NULL,
    description    MEDIUMTEXT   NOT NULL,
    digest         VARCHAR(128) NOT NULL,
    created_by     VARCHAR(128) NOT NULL,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT pk_versions PRIMARY KEY (model_name, version_number),
    INDEX ix_versions_stage (model_name, stage, version_number),
    CONSTRAINT fk_versions_model FOREIGN KEY (model_name) REFERENCES models (model_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS version_params (
    model_name     VARCHAR(128)  NOT NULL,
    version_number INTEGER       NOT NULL,
    item_key       VARCHAR(250)  NOT NULL,
    item_value     VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_version_params PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_params_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS version_metrics (
    model_name     VARCHAR(128)     NOT NULL,
    version_number INTEGER          NOT NULL,
    item_key       VARCHAR(250)     NOT NULL,
    metric_value   DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_version_metrics PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_metrics_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS version_tags (
    model_name     VARCHAR(128)  NOT NULL,
    version_number INTEGER       NOT NULL,
    item_key       VARCHAR(250)  NOT NULL,
    item_value     VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_version_tags PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_tags_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- file_path_sha256 is computed by the database from file_path; the store never writes it.
CREATE TABLE IF NOT EXISTS version_files (
    model_name       VARCHAR(128)  NOT NULL,
    version_number   INTEGER       NOT NULL,
    file_path        VARCHAR(1024) NOT NULL,
    file_index       INTEGER       NOT NULL,
    size_bytes       BIGINT        NOT NULL,
    sha256           VARCHAR(64)   NOT NULL,
    file_path_sha256 BINARY(32) AS (UNHEX(SHA2(file_path, 256))) STORED,
    CONSTRAINT pk_version_files PRIMARY KEY (model_name, version_number, file_index),
    CONSTRAINT uq_version_files_path UNIQUE (model_name, version_number, file_path_sha256),
    CONSTRAINT fk_version_files_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS stage_transitions (
    model_name         VARCHAR(128)  NOT NULL,
    version_number     INTEGER       NOT NULL,
    seq                INTEGER       NOT NULL,
    from_stage         VARCHAR(64)   NOT NULL,
    to_stage           VARCHAR(64)   NOT NULL,
    actor              VARCHAR(128)  NOT NULL,
    at_millis          BIGINT        NOT NULL,
    transition_comment VARCHAR(4096) NOT NULL,
    CONSTRAINT pk_stage_transitions PRIMARY KEY (model_name, version_number, seq),
    CONSTRAINT fk_stage_transitions_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS version_changes (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    seq            INTEGER      NOT NULL,
    field_name     VARCHAR(260) NOT NULL,
    old_value      MEDIUMTEXT,
    new_value      MEDIUMTEXT,
    actor          VARCHAR(128) NOT NULL,
    at_millis      BIGINT       NOT NULL,
    CONSTRAINT pk_version_changes PRIMARY KEY (model_name, version_number, seq),
    CONSTRAINT fk_version_changes_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
