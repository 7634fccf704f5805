-- MariaDB's version of ../V3__journal.sql: the same tables, columns and keys, with LONGTEXT and
-- MEDIUMTEXT for the long texts (see mariadb/V1__init.sql), the index declared in CREATE TABLE,
-- and FROM DUAL where MariaDB needs a FROM to take a WHERE.

CREATE TABLE IF NOT EXISTS journal (
    seq            BIGINT       NOT NULL,
    at_millis      BIGINT       NOT NULL,
    principal      VARCHAR(128) NOT NULL,
    operation      VARCHAR(64)  NOT NULL,
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    details        LONGTEXT     NOT NULL,
    request_id     VARCHAR(36)  NOT NULL,
    previous_hash  VARCHAR(64)  NOT NULL,
    entry_hash     VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_journal PRIMARY KEY (seq),
    INDEX ix_journal_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS journal_head (
    head_id    INTEGER     NOT NULL,
    seq        BIGINT      NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    CONSTRAINT pk_journal_head PRIMARY KEY (head_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

INSERT INTO journal_head (head_id, seq, entry_hash)
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM journal_head);

CREATE TABLE IF NOT EXISTS model_changes (
    model_name VARCHAR(128) NOT NULL,
    seq        INTEGER      NOT NULL,
    field_name VARCHAR(260) NOT NULL,
    old_value  MEDIUMTEXT,
    new_value  MEDIUMTEXT,
    actor      VARCHAR(128) NOT NULL,
    at_millis  BIGINT       NOT NULL,
    CONSTRAINT pk_model_changes PRIMARY KEY (model_name, seq),
    CONSTRAINT fk_model_changes_model FOREIGN KEY (model_name) REFERENCES models (model_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

ALTER TABLE models DROP COLUMN IF EXISTS request_id;

ALTER TABLE versions DROP COLUMN IF EXISTS request_id;

ALTER TABLE stage_transitions DROP COLUMN IF EXISTS request_id;

ALTER TABLE version_changes DROP COLUMN IF EXISTS request_id;
