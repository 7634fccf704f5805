package dev.modelregistry.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hints that let {@code put(Path)} skip writing content that is already stored without paying a
 * second full read for content that is new. A blob's fingerprint is the SHA-256 of its first
 * {@link #HEAD} bytes followed by its size; storing a blob larger than that leaves an empty marker
 * file {@code <root>/fingerprints/ab/cd…} named by it. A file whose fingerprint has no marker cannot
 * be stored yet, so it is written in a single hash-and-write pass; one whose fingerprint has a marker
 * is hashed first and written only if its digest is not stored.
 *
 * <p>Markers are hints, never trusted for correctness: a stray marker (its blob deleted, or another
 * blob with the same head and size) costs one extra read; a missing marker (a blob stored before
 * markers existed, or a marker lost in a crash, which is why they are not fsynced) costs one redundant
 * write, after which the marker exists. Thread-safe, also across processes.
 */
final class Fingerprints {

    /** Bytes at the start of a file that go into its fingerprint; files no larger are simply hashed first. */
    static final int HEAD = 64 * 1024;

    private final Path dir;

    Fingerprints(Path dir) {
        this.dir = dir;
    }

    /** Whether content with {@code fingerprint} may be stored. */
    boolean mayHold(String fingerprint) {
        return Files.exists(marker(fingerprint));
    }

    /** Leaves the marker of {@code fingerprint}. Best effort: a marker that cannot be written is only a missed hint. */
    void record(String fingerprint) {
        Path marker = marker(fingerprint);
        if (Files.exists(marker)) {
            return;
        }
        try {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
        } catch (FileAlreadyExistsException e) {
            // another writer recorded the same fingerprint
        } catch (IOException e) {
            // a missing hint costs a redundant write of this content later, nothing more
        }
    }

    /** The fingerprint of a file of {@code size} bytes whose first bytes are the remaining bytes of {@code head}. */
    static String of(ByteBuffer head, long size) {
        MessageDigest md = TempHasher.sha256();
        updateHead(md, head.duplicate(), 0);
        return finish(md, size);
    }

    /** Feeds {@code md} the part of {@code chunk} (file bytes from {@code offset} on) that lies in the head. */
    static void updateHead(MessageDigest md, ByteBuffer chunk, long offset) {
        if (offset < HEAD) {
            ByteBuffer head = chunk.duplicate();
            head.limit(head.position() + (int) Math.min(head.remaining(), HEAD - offset));
            md.update(head);
        }
    }

    /** Completes a fingerprint whose head bytes {@code md} has seen. */
    static String finish(MessageDigest md, long size) {
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
        return HexFormat.of().formatHex(md.digest());
    }

    private Path marker(String fingerprint) {
        return dir.resolve(fingerprint.substring(0, BlobLayout.SHARD_LENGTH)).resolve(fingerprint.substring(BlobLayout.SHARD_LENGTH));
    }
}
