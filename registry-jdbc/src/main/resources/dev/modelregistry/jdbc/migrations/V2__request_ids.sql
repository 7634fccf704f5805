-- Request ids, which make a write safe to retry after the connection broke while committing.
--
-- Every write draws a random id (a UUID in text form) once per call and stores it in the rows that
-- record it: the model it creates, the version it inserts, the stage move it makes (not the
-- displacements that come with it), the changes it records. If the commit of an attempt was
-- interrupted, the retry first looks for that id: found means the earlier attempt committed, and
-- its result is returned instead of applying the write a second time. See Requests.java.
--
-- Portable and idempotent like V1: ADD COLUMN IF NOT EXISTS works on H2 2.x, PostgreSQL 9.6+ and
-- MariaDB 10.0.2+. Rows written before this migration keep a NULL id.
--
-- No index: only a retry looks an id up, and it looks among the rows of one model (versions) or
-- of one version (stage moves, changes), which the primary keys already narrow down; an index
-- would cost every write to speed up the rare retry.

ALTER TABLE models ADD COLUMN IF NOT EXISTS request_id VARCHAR(36);

ALTER TABLE versions ADD COLUMN IF NOT EXISTS request_id VARCHAR(36);

ALTER TABLE stage_transitions ADD COLUMN IF NOT EXISTS request_id VARCHAR(36);

ALTER TABLE version_changes ADD COLUMN IF NOT EXISTS request_id VARCHAR(36);
