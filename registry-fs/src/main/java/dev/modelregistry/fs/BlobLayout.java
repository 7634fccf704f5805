package dev.modelregistry.fs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where things live under a store's root: blob {@code abcd...} at {@code sha256/ab/cd...}, temp
 * files in {@code tmp/}, fingerprint markers (hints, see {@link Fingerprints}) under
 * {@code fingerprints/}. Splitting on the first two hex digits keeps directories to a size every
 * filesystem lists quickly (256 shards; a million blobs is about 4,000 per shard).
 */
final class BlobLayout {

    static final String BLOBS = "sha256";
    static final String TEMP = "tmp";
    static final String FINGERPRINTS = "fingerprints";
    static final int SHARD_LENGTH = 2;
    static final int DIGEST_LENGTH = 64;

    private final Path blobs;
    private final Path temp;
    private final Path fingerprints;

    BlobLayout(Path root) {
        this.blobs = root.resolve(BLOBS);
        this.temp = root.resolve(TEMP);
        this.fingerprints = root.resolve(FINGERPRINTS);
    }

    Path blobs() {
        return blobs;
    }

    Path temp() {
        return temp;
    }

    Path fingerprints() {
        return fingerprints;
    }

    /** The file of blob {@code sha256}, which must be {@linkplain #checkDigest valid}. */
    Path blob(String sha256) {
        return blobs.resolve(sha256.substring(0, SHARD_LENGTH)).resolve(sha256.substring(SHARD_LENGTH));
    }

    /**
     * Returns {@code sha256} if it is 64 lower-case hex digits. Checked before any path is built from
     * it, so a crafted digest such as {@code ../../etc/passwd} never reaches the filesystem.
     *
     * @throws IllegalArgumentException naming the value, if it is not
     */
    static String checkDigest(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != DIGEST_LENGTH || !isLowerHex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 digest (64 lower-case hex digits): '" + sha256 + "'");
        }
        return sha256;
    }

    static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
