-- MariaDB's version of ../V6__evaluations.sql: the same tables, with MEDIUMTEXT for the details
-- and MariaDB's engine, character set and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS version_evaluations (
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    seq            INTEGER      NOT NULL,
    evaluation     VARCHAR(250) NOT NULL,
    passed         BOOLEAN      NOT NULL,
    details        MEDIUMTEXT   NOT NULL,
    recorded_by    VARCHAR(128) NOT NULL,
    at_millis      BIGINT       NOT NULL,
    CONSTRAINT pk_version_evaluations PRIMARY KEY (model_name, version_number, seq),
    CONSTRAINT fk_version_evaluations_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS evaluation_metrics (
    model_name     VARCHAR(128)     NOT NULL,
    version_number INTEGER          NOT NULL,
    seq            INTEGER          NOT NULL,
    item_key       VARCHAR(250)     NOT NULL,
    metric_value   DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_evaluation_metrics PRIMARY KEY (model_name, version_number, seq, item_key),
    CONSTRAINT fk_evaluation_metrics_evaluation FOREIGN KEY (model_name, version_number, seq)
        REFERENCES version_evaluations (model_name, version_number, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
