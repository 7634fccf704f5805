-- Access control: the stored grants (docs/ACCESS.md). A grant is a subject ("user:alice",
-- "service:trainer", "group:risk"), a role and a scope ("registry", "namespace:risk",
-- "model:risk/fraud"), written as Subject.toString() and Scope.toString() write them; who gave it and
-- when are the journal's to tell (access.granted), and also kept here for listings.
--
-- Portable and idempotent like the scripts before.

CREATE TABLE IF NOT EXISTS grants (
    subject    VARCHAR(160) NOT NULL,
    scope      VARCHAR(160) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    granted_by VARCHAR(160) NOT NULL,
    granted_at BIGINT       NOT NULL,
    PRIMARY KEY (subject, scope, role)
);

CREATE INDEX IF NOT EXISTS ix_grants_scope ON grants (scope);
