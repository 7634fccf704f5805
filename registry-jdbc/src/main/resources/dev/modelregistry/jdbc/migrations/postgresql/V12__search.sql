-- PostgreSQL's version of ../V12__search.sql. A B-tree entry must fit in a third of a page, which a
-- 6,000-character tag or param value may not, so those values are indexed by hash (equality only);
-- the key is then checked on the rows the hash finds. Model names get a text_pattern_ops index, which
-- serves a LIKE prefix whatever the database's collation.

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_id VARCHAR(256);

ALTER TABLE version_lineage ADD COLUMN IF NOT EXISTS run_url VARCHAR(2048);

CREATE INDEX IF NOT EXISTS ix_version_lineage_run ON version_lineage (run_id);

CREATE INDEX IF NOT EXISTS ix_version_tags_value ON version_tags USING hash (item_value);

CREATE INDEX IF NOT EXISTS ix_version_params_value ON version_params USING hash (item_value);

CREATE INDEX IF NOT EXISTS ix_version_metrics_value ON version_metrics (item_key, metric_value);

CREATE INDEX IF NOT EXISTS ix_versions_stage_created ON versions (stage, created_at);

CREATE INDEX IF NOT EXISTS ix_versions_name_pattern ON versions (model_name text_pattern_ops);
