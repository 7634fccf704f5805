package dev.modelregistry.spi;

/**
 * The newest entry of the journal as the store records it beside the entries; {@code verify()}
 * checks that the entries end there.
 *
 * @param sequence the newest entry's sequence, 0 if the journal is empty
 * @param hash     its hash, or {@link JournalHashes#GENESIS} if the journal is empty
 */
public record JournalHead(long sequence, String hash) {

    /** The head of an empty journal. */
    public static final JournalHead EMPTY = new JournalHead(0, JournalHashes.GENESIS);
}
