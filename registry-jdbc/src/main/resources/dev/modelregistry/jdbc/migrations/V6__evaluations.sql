-- Evaluations: append-only evidence on a version (a test on held-out data, a bias check). seq
-- numbers a version's evaluations 1, 2, 3, ... and is allocated under the model row lock; the
-- metrics of an evaluation have their own table, as a version's do.
--
-- Portable and idempotent like the scripts before; MariaDB has its own version of this script.

CREATE TABLE IF NOT EXISTS version_evaluations (
    model_name     VARCHAR(128)   NOT NULL,
    version_number INTEGER        NOT NULL,
    seq            INTEGER        NOT NULL,
    evaluation     VARCHAR(250)   NOT NULL,
    passed         BOOLEAN        NOT NULL,
    details        VARCHAR(16384) NOT NULL,
    recorded_by    VARCHAR(128)   NOT NULL,
    at_millis      BIGINT         NOT NULL,
    CONSTRAINT pk_version_evaluations PRIMARY KEY (model_name, version_number, seq),
    CONSTRAINT fk_version_evaluations_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);

CREATE TABLE IF NOT EXISTS evaluation_metrics (
    model_name     VARCHAR(128)     NOT NULL,
    version_number INTEGER          NOT NULL,
    seq            INTEGER          NOT NULL,
    item_key       VARCHAR(250)     NOT NULL,
    metric_value   DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_evaluation_metrics PRIMARY KEY (model_name, version_number, seq, item_key),
    CONSTRAINT fk_evaluation_metrics_evaluation FOREIGN KEY (model_name, version_number, seq)
        REFERENCES version_evaluations (model_name, version_number, seq)
);
