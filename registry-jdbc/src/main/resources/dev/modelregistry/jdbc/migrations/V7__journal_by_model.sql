-- The journal of one model, in sequence order: what a rollback replays to find where a stage or
-- an alias was before. Portable (MariaDB included) and idempotent.

CREATE INDEX IF NOT EXISTS ix_journal_model ON journal (model_name, seq);
