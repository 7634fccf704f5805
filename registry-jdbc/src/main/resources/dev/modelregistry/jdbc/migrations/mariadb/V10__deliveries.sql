-- MariaDB's version of ../V10__deliveries.sql: the same tables, with MEDIUMTEXT for the long
-- texts, AUTO_INCREMENT for the identity column, the index declared in CREATE TABLE, and
-- MariaDB's engine, character set and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS webhooks (
    webhook_name            VARCHAR(64)   NOT NULL,
    url                     VARCHAR(4096) NOT NULL,
    secret                  VARCHAR(256)  NOT NULL,
    event_types             MEDIUMTEXT    NOT NULL,
    model_patterns          MEDIUMTEXT    NOT NULL,
    enabled                 BOOLEAN       NOT NULL,
    allow_private_addresses BOOLEAN       NOT NULL,
    CONSTRAINT pk_webhooks PRIMARY KEY (webhook_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS delivery_consumers (
    consumer      VARCHAR(256)  NOT NULL,
    position      BIGINT        NOT NULL,
    lease_holder  VARCHAR(256),
    lease_until   BIGINT,
    paused_reason VARCHAR(4096),
    paused_at     BIGINT,
    CONSTRAINT pk_delivery_consumers PRIMARY KEY (consumer)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS delivery_attempts (
    attempt_id BIGINT        NOT NULL AUTO_INCREMENT,
    consumer   VARCHAR(256)  NOT NULL,
    seq        BIGINT        NOT NULL,
    attempt    INTEGER       NOT NULL,
    at_millis  BIGINT        NOT NULL,
    status     INTEGER       NOT NULL,
    latency_ms BIGINT        NOT NULL,
    error_text VARCHAR(4096) NOT NULL,
    outcome    VARCHAR(16)   NOT NULL,
    CONSTRAINT pk_delivery_attempts PRIMARY KEY (attempt_id),
    INDEX ix_delivery_attempts_consumer (consumer, seq, attempt_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
