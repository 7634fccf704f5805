-- MariaDB's version of ../V11__lineage.sql: the same tables and indexes, with LONGTEXT for the
-- lineage text and MariaDB's engine, character set and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS version_lineage (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    lineage        LONGTEXT     NOT NULL,
    CONSTRAINT pk_version_lineage PRIMARY KEY (model_name, version_number),
    CONSTRAINT fk_version_lineage_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS lineage_datasets (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    dataset_index  INTEGER      NOT NULL,
    uri_hash       CHAR(64)     NOT NULL,
    digest         VARCHAR(80),
    dataset_role   VARCHAR(16)  NOT NULL,
    CONSTRAINT pk_lineage_datasets PRIMARY KEY (model_name, version_number, dataset_index),
    CONSTRAINT fk_lineage_datasets_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE INDEX IF NOT EXISTS ix_lineage_datasets_uri ON lineage_datasets (uri_hash);

CREATE INDEX IF NOT EXISTS ix_lineage_datasets_digest ON lineage_datasets (digest);

CREATE TABLE IF NOT EXISTS lineage_parents (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    parent_model   VARCHAR(128) NOT NULL,
    parent_version INTEGER      NOT NULL,
    relation_name  VARCHAR(32)  NOT NULL,
    CONSTRAINT pk_lineage_parents PRIMARY KEY (model_name, version_number, parent_model, parent_version),
    CONSTRAINT fk_lineage_parents_child FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number),
    CONSTRAINT fk_lineage_parents_parent FOREIGN KEY (parent_model, parent_version)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE INDEX IF NOT EXISTS ix_lineage_parents_parent ON lineage_parents (parent_model, parent_version);
