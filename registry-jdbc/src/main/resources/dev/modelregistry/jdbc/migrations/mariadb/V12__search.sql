-- MariaDB's version of ../V12__search.sql. An InnoDB index key holds at most 3,072 bytes, so tag
-- and param values are indexed by their first 255 characters; the whole value is then compared on
-- the rows the index finds.

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_id VARCHAR(256);

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_url VARCHAR(2048);

CREATE INDEX IF NOT EXISTS ix_version_lineage_run ON version_lineage (run_id);

CREATE INDEX IF NOT EXISTS ix_version_tags_value ON version_tags (item_key, item_value(255));

CREATE INDEX IF NOT EXISTS ix_version_params_value ON version_params (item_key, item_value(255));

CREATE INDEX IF NOT EXISTS ix_version_metrics_value ON version_metrics (item_key, metric_value);

CREATE INDEX IF NOT EXISTS ix_versions_stage_created ON versions (stage, created_at);
