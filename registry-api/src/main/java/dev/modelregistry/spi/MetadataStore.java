package dev.modelregistry.spi;

import java.util.Set;

/**
 * Stores models, versions, their files manifests, stages, their history and the journal.
 *
 * <p>There is one way to write: {@link #apply(ChangeSet)}. The core decides every change and its
 * rules; the store checks the change set's preconditions under its locks and applies its mutations
 * and journal entries in one transaction. Reads are split by concern into the reader interfaces
 * this one extends; each read sees one committed state. Inputs are already validated by the core.
 *
 * <p>Implementations must be thread-safe, and safe against other processes using the same storage
 * if they declare {@link Capability#SHARED_BETWEEN_PROCESSES}; failures of the storage itself are
 * reported as {@link dev.modelregistry.StorageException}. Instants are stored with millisecond
 * precision.
 */
public interface MetadataStore extends ModelReader, VersionReader, HistoryReader, JournalReader, WebhookReader,
        LineageReader, SearchReader, AccessReader, DeliveryLedger, AutoCloseable {

    /**
     * Applies a change set atomically: checks every precondition, applies every mutation in order
     * and appends the journal entries after the newest entry, all in one transaction, so that
     * commit order is sequence order. Applying the same change set again (same request id) after
     * an attempt whose outcome was unknown returns that attempt's result instead of applying it
     * twice.
     *
     * @return the appended entries and the number of the version inserted, if any
     * @throws ChangeConflictException if a precondition does not hold; nothing was written
     * @throws dev.modelregistry.StorageException if the storage fails
     */
    AppliedChange apply(ChangeSet changes);

    /** What this store can do beyond what every store must. */
    Set<Capability> capabilities();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
