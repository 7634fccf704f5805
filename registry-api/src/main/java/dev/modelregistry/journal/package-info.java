/**
 * The journal: every committed change of a registry in commit order, hash-chained so that
 * tampering shows. Users read and follow it through {@link dev.modelregistry.Registry#journal()};
 * the format of entries and hashes is specified in docs/JOURNAL.md.
 */
package dev.modelregistry.journal;
