-- MariaDB's version of ../V8__promotion_requests.sql: the same tables, with MariaDB's engine,
-- character set and binary collation (see mariadb/V1__init.sql).

CREATE TABLE IF NOT EXISTS promotion_requests (
    model_name     VARCHAR(128)  NOT NULL,
    request_id     INTEGER       NOT NULL,
    version_number INTEGER       NOT NULL,
    to_stage       VARCHAR(128)  NOT NULL,
    requested_by   VARCHAR(128)  NOT NULL,
    reason         VARCHAR(4096) NOT NULL,
    at_millis      BIGINT        NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    CONSTRAINT pk_promotion_requests PRIMARY KEY (model_name, request_id),
    CONSTRAINT fk_promotion_requests_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS request_votes (
    model_name   VARCHAR(128)  NOT NULL,
    request_id   INTEGER       NOT NULL,
    principal    VARCHAR(128)  NOT NULL,
    approve      BOOLEAN       NOT NULL,
    vote_comment VARCHAR(4096) NOT NULL,
    at_millis    BIGINT        NOT NULL,
    CONSTRAINT pk_request_votes PRIMARY KEY (model_name, request_id, principal),
    CONSTRAINT fk_request_votes_request FOREIGN KEY (model_name, request_id)
        REFERENCES promotion_requests (model_name, request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
