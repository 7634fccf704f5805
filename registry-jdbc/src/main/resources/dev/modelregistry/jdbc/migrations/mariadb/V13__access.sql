-- MariaDB's version of ../V13__access.sql: the same table and index with MariaDB's engine,
-- character set and binary collation (see mariadb/V1__init.sql), so that a grant's subject and
-- scope match exactly: under the server's default collation "user:ALICE" or "user:àlice" would
-- find the grants of "user:alice".

CREATE TABLE IF NOT EXISTS grants (
    subject    VARCHAR(160) NOT NULL,
    scope      VARCHAR(160) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    granted_by VARCHAR(160) NOT NULL,
    granted_at BIGINT       NOT NULL,
    PRIMARY KEY (subject, scope, role)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE INDEX IF NOT EXISTS ix_grants_scope ON grants (scope);
