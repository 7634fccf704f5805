-- Audit queries (JournalSql.query): indexes that let a query by principal, by version or by
-- operation read only the matching rows, in sequence order, from the cursor on. A query by model
-- alone uses ix_journal_model (V7); a time range is checked on the rows read in sequence order.
-- Portable (MariaDB included) and idempotent.

CREATE INDEX IF NOT EXISTS ix_journal_principal ON journal (principal, seq);

CREATE INDEX IF NOT EXISTS ix_journal_version ON journal (model_name, version_number, seq);

CREATE INDEX IF NOT EXISTS ix_journal_operation ON journal (operation, seq);
