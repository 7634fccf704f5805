package dev.modelregistry.spi;

import dev.modelregistry.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of the journal: the canonical encoding of an entry and its SHA-256, exactly as
 * docs/JOURNAL.md specifies them, so that a store computes what another program verifies.
 *
 * <p>The encoding is the ASCII tag {@code mrj1\n} followed by nine fields in this order: sequence,
 * time (epoch milliseconds), principal, operation, model, version, request id, details, previous
 * hash. Each field is written as the decimal length of its UTF-8 bytes, a colon, those bytes and a
 * line feed; numbers are written in decimal without sign or leading zeros. The hash is the
 * lowercase hex SHA-256 of those bytes. The first entry's previous hash is {@link #GENESIS}.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class JournalHashes {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "mrj1\n".getBytes(StandardCharsets.US_ASCII);

    private JournalHashes() {
    }

    /** The hash of an entry with these fields. */
    public static String hash(long sequence, Instant at, String principal, String operation, String model,
                              int version, String requestId, String details, String previousHash) {
        MessageDigest md = sha256();
        md.update(TAG);
        field(md, Long.toString(sequence));
        field(md, Long.toString(at.toEpochMilli()));
        field(md, principal);
        field(md, operation);
        field(md, model);
        field(md, Integer.toString(version));
        field(md, requestId);
        field(md, details);
        field(md, previousHash);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hash an entry's fields give, whatever its stored {@link JournalEntry#hash()} says. */
    public static String hashOf(JournalEntry e) {
        return hash(e.sequence(), e.at(), e.principal(), e.operation(), e.model(), e.version(), e.requestId(),
                e.details(), e.previousHash());
    }

    /** The entry a store appends: the draft with its sequence, the change set's fields and the chain. */
    public static JournalEntry append(long sequence, ChangeSet changes, EntryDraft draft, int insertedVersion,
                                      String previousHash) {
        int version = draft.ofInsertedVersion() ? insertedVersion : draft.target().version();
        String model = draft.target().model();
        String hash = hash(sequence, changes.at(), changes.principal(), draft.operation(), model, version,
                changes.requestId(), draft.details(), previousHash);
        return new JournalEntry(sequence, changes.at(), changes.principal(), draft.operation(), model, version,
                draft.details(), changes.requestId(), previousHash, hash);
    }

    private static void field(MessageDigest md, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
        md.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
