-- Lineage, recorded with each version at registration and never changed. version_lineage keeps the
-- core's JSON text, returned unchanged; lineage_datasets and lineage_parents index it for the walks:
-- "which versions used this dataset" (by URI hash or digest) and "which versions were derived from
-- these" / "what were these derived from". A dataset URI is indexed by its SHA-256 (uri_hash),
-- because a URI may be longer than an index key can be on MariaDB.
--
-- Portable and idempotent like the scripts before; MariaDB has its own version of this script.

CREATE TABLE IF NOT EXISTS version_lineage (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    lineage        TEXT         NOT NULL,
    CONSTRAINT pk_version_lineage PRIMARY KEY (model_name, version_number),
    CONSTRAINT fk_version_lineage_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

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
);

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
);

CREATE INDEX IF NOT EXISTS ix_lineage_parents_parent ON lineage_parents (parent_model, parent_version);
