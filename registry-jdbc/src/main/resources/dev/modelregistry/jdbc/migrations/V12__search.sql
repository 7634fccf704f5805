-- Search: the training run's id and URL of each lineage, as columns a search can filter (MLflow's
-- run_id and source_path), and the indexes that let a search start from the versions an index finds
-- (SearchDriver): a tag or param value, a metric range, a stage, a run id. Lineage recorded before
-- this migration keeps NULL run columns.
--
-- Portable and idempotent like the scripts before; PostgreSQL and MariaDB have their own version of
-- this script, because their index keys have size limits that VARCHAR(6000) values can exceed.

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_id VARCHAR(256);

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_url VARCHAR(2048);

CREATE INDEX IF NOT EXISTS ix_version_lineage_run ON version_lineage (run_id);

CREATE INDEX IF NOT EXISTS ix_version_tags_value ON version_tags (item_key, item_value);

CREATE INDEX IF NOT EXISTS ix_version_params_value ON version_params (item_key, item_value);

CREATE INDEX IF NOT EXISTS ix_version_metrics_value ON version_metrics (item_key, metric_value);

CREATE INDEX IF NOT EXISTS ix_versions_stage_created ON versions (stage, created_at);
