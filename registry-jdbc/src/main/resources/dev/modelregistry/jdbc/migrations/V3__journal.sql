-- The journal, model history, and the end of per-table request ids.
--
-- journal holds one row per committed change: seq is the global sequence (1, 2, 3, ... without
-- gaps), given under the lock of the single journal_head row, which every write takes last in
-- its transaction, so commit order is sequence order. details is the change as a JSON object;
-- previous_hash and entry_hash chain the rows (docs/JOURNAL.md specifies the hash). request_id is
-- the id of the operation that wrote the row: a write whose commit was interrupted looks it up to
-- learn whether it committed, which replaces the request_id columns of V2 (dropped below).
-- Changes made before this migration are not in the journal; it starts empty.
--
-- Portable and idempotent like V1 and V2; MariaDB has its own version of this script.

CREATE TABLE IF NOT EXISTS journal (
    seq            BIGINT       NOT NULL,
    at_millis      BIGINT       NOT NULL,
    principal      VARCHAR(128) NOT NULL,
    operation      VARCHAR(64)  NOT NULL,
    model_name     VARCHAR(128) NOT NULL,
    version_number INTEGER      NOT NULL,
    details        TEXT         NOT NULL,
    request_id     VARCHAR(36)  NOT NULL,
    previous_hash  VARCHAR(64)  NOT NULL,
    entry_hash     VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_journal PRIMARY KEY (seq)
);

CREATE INDEX IF NOT EXISTS ix_journal_request ON journal (request_id);

CREATE TABLE IF NOT EXISTS journal_head (
    head_id    INTEGER     NOT NULL,
    seq        BIGINT      NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    CONSTRAINT pk_journal_head PRIMARY KEY (head_id)
);

INSERT INTO journal_head (head_id, seq, entry_hash)
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000' WHERE NOT EXISTS (SELECT 1 FROM journal_head);

-- seq orders the changes of one model; it is allocated under the model row lock.
CREATE TABLE IF NOT EXISTS model_changes (
    model_name VARCHAR(128)   NOT NULL,
    seq        INTEGER        NOT NULL,
    field_name VARCHAR(260)   NOT NULL,
    old_value  VARCHAR(16384),
    new_value  VARCHAR(16384),
    actor      VARCHAR(128)   NOT NULL,
    at_millis  BIGINT         NOT NULL,
    CONSTRAINT pk_model_changes PRIMARY KEY (model_name, seq),
    CONSTRAINT fk_model_changes_model FOREIGN KEY (model_name) REFERENCES models (model_name)
);

ALTER TABLE models DROP COLUMN IF EXISTS request_id;

ALTER TABLE versions DROP COLUMN IF EXISTS request_id;

ALTER TABLE stage_transitions DROP COLUMN IF EXISTS request_id;

ALTER TABLE version_changes DROP COLUMN IF EXISTS request_id;
