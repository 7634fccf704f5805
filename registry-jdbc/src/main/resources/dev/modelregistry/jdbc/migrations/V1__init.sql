-- The initial metadata schema.
--
-- Portable across H2 2.x, PostgreSQL and MariaDB: no reserved words as column names, instants
-- as BIGINT epoch milliseconds, text as VARCHAR sized after dev.modelregistry.Limits, natural
-- keys instead of generated ids. Every statement is idempotent, because two registries opening
-- a fresh database at the same time may both run this script.
-- Statements end with a semicolon at the end of a line; Migrations splits on that.

-- next_version is the number the model's next version gets; bumping it under the row lock is
-- what serializes version allocation, and locking the row serializes every other write to
-- the model's versions.
CREATE TABLE IF NOT EXISTS models (
    model_name   VARCHAR(128)   NOT NULL,
    description  VARCHAR(16384) NOT NULL,
    created_by   VARCHAR(128)   NOT NULL,
    created_at   BIGINT         NOT NULL,
    next_version INTEGER        NOT NULL,
    CONSTRAINT pk_models PRIMARY KEY (model_name)
);

CREATE TABLE IF NOT EXISTS model_tags (
    model_name VARCHAR(128)  NOT NULL,
    item_key   VARCHAR(250)  NOT NULL,
    item_value VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_model_tags PRIMARY KEY (model_name, item_key),
    CONSTRAINT fk_model_tags_model FOREIGN KEY (model_name) REFERENCES models (model_name)
);

-- The primary key serves name@version lookups; ix_versions_stage serves name@stage.
CREATE TABLE IF NOT EXISTS versions (
    model_name     VARCHAR(128)   NOT NULL,
    version_number INTEGER        NOT NULL,
    stage          VARCHAR(64)    NOT NULL,
    description    VARCHAR(16384) NOT NULL,
    digest         VARCHAR(128)   NOT NULL,
    created_by     VARCHAR(128)   NOT NULL,
    created_at     BIGINT         NOT NULL,
    CONSTRAINT pk_versions PRIMARY KEY (model_name, version_number),
    CONSTRAINT fk_versions_model FOREIGN KEY (model_name) REFERENCES models (model_name)
);

CREATE INDEX IF NOT EXISTS ix_versions_stage ON versions (model_name, stage, version_number);

CREATE TABLE IF NOT EXISTS version_params (
    model_name     VARCHAR(128)  NOT NULL,
    version_number INTEGER       NOT NULL,
    item_key       VARCHAR(250)  NOT NULL,
    item_value     VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_version_params PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_params_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

CREATE TABLE IF NOT EXISTS version_metrics (
    model_name     VARCHAR(128)     NOT NULL,
    version_number INTEGER          NOT NULL,
    item_key       VARCHAR(250)     NOT NULL,
    metric_value   DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_version_metrics PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_metrics_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

CREATE TABLE IF NOT EXISTS version_tags (
    model_name     VARCHAR(128)  NOT NULL,
    version_number INTEGER       NOT NULL,
    item_key       VARCHAR(250)  NOT NULL,
    item_value     VARCHAR(6000) NOT NULL,
    CONSTRAINT pk_version_tags PRIMARY KEY (model_name, version_number, item_key),
    CONSTRAINT fk_version_tags_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

-- file_index keeps the order the core gave (sorted by path in Java's order), which a
-- database collation would not reproduce.
CREATE TABLE IF NOT EXISTS version_files (
    model_name     VARCHAR(128)  NOT NULL,
    version_number INTEGER       NOT NULL,
    file_path      VARCHAR(1024) NOT NULL,
    file_index     INTEGER       NOT NULL,
    size_bytes     BIGINT        NOT NULL,
    sha256         VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_version_files PRIMARY KEY (model_name, version_number, file_path),
    CONSTRAINT fk_version_files_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

-- seq orders the moves of one version; it is allocated under the model row lock.
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
);

-- field_name is "description" or "tag:" plus a tag key; a NULL value means "none".
CREATE TABLE IF NOT EXISTS version_changes (
    model_name     VARCHAR(128)   NOT NULL,
    version_number INTEGER        NOT NULL,
    seq            INTEGER        NOT NULL,
    field_name     VARCHAR(260)   NOT NULL,
    old_value      VARCHAR(16384),
    new_value      VARCHAR(16384),
    actor          VARCHAR(128)   NOT NULL,
    at_millis      BIGINT         NOT NULL,
    CONSTRAINT pk_version_changes PRIMARY KEY (model_name, version_number, seq),
    CONSTRAINT fk_version_changes_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);
