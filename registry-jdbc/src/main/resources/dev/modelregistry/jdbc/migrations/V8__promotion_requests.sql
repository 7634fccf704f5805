-- Promotion requests and their votes. request_id numbers a model's requests 1, 2, 3, ... (the
-- core checks the count under the model row lock); one vote per principal per request.
--
-- Portable and idempotent like the scripts before; MariaDB has its own version of this script.

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
);

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
);
