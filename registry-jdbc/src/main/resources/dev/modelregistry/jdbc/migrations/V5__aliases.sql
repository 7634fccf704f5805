-- Aliases: named, movable pointers of a model to one of its versions (champion, challenger).
-- One row per alias; moving it updates version_number, and every move is a model_changes row
-- (field alias:<name>) and a journal entry, written in the same transaction.
--
-- Portable and idempotent like the scripts before; MariaDB has its own version of this script.

CREATE TABLE IF NOT EXISTS model_aliases (
    model_name     VARCHAR(128) NOT NULL,
    alias          VARCHAR(64)  NOT NULL,
    version_number INTEGER      NOT NULL,
    CONSTRAINT pk_model_aliases PRIMARY KEY (model_name, alias),
    CONSTRAINT fk_model_aliases_version FOREIGN KEY (model_name, version_number)
        REFERENCES versions (model_name, version_number)
);
