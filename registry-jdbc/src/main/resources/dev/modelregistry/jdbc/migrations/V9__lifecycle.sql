-- The registry's lifecycle, as text (dev.modelregistry.spi.LifecycleText), in one row
-- (lifecycle_id = 1) once a registry with a custom lifecycle opened the store. A registry whose
-- lifecycle lacks a recorded stage is refused when it opens.
--
-- Portable and idempotent like the scripts before; MariaDB has its own version of this script.

CREATE TABLE IF NOT EXISTS registry_lifecycle (
    lifecycle_id INTEGER        NOT NULL,
    description  VARCHAR(16384) NOT NULL,
    CONSTRAINT pk_registry_lifecycle PRIMARY KEY (lifecycle_id)
);
