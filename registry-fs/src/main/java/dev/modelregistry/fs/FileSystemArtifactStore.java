package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed {@link ArtifactStore} in a directory of a local or shared filesystem. Blob
 * {@code abcd…} is the file {@code <root>/sha256/ab/cd…}; nothing else is kept, so the directory can
 * be backed up, copied or inspected with ordinary tools.
 *
 * <p>A {@code put} hashes and writes in one pass to a temp file in {@code <root>/tmp}, forces it to
 * disk, renames it atomically into place and forces the directory entry, so a blob is never visible
 * half written and an acknowledged {@code put} survives a process kill or power loss (on a
 * filesystem that honours {@code fsync} and atomic rename). A {@code put} interrupted by a crash can
 * leave a temp file behind; opening a store deletes temp files not modified for
 * {@linkplain #TEMP_FILE_MAX_AGE 24 hours}.
 *
 * <p>{@code open} does not verify what it reads: a blob file altered on disk is returned as it is,
 * and the registry's verifying read reports the mismatch.
 *
 * <p>Instances are thread-safe, and any number of instances, in this or other processes, may share
 * one root: concurrent puts of the same content each rename a complete, identical file into place.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    /** How long a temp file may go unmodified before a newly opened store takes it for a crash leftover. */
    public static final Duration TEMP_FILE_MAX_AGE = Duration.ofHours(24);

    // Large enough that hashing and writing run at disk speed, small enough to allocate per put.
    private static final int BUFFER_SIZE = 1024 * 1024;

    private final Path root;
    private final BlobLayout layout;

    private FileSystemArtifactStore(Path root) {
        this.root = root;
        this.layout = new BlobLayout(root);
    }

    /**
     * Opens the store rooted at {@code root}, creating the directory if it is missing, and deletes
     * temp files left behind by crashed writers.
     *
     * @throws StorageException if the directories cannot be created or {@code root} is not a directory
     */
    public static FileSystemArtifactStore at(Path root) {
        Objects.requireNonNull(root, "root");
        FileSystemArtifactStore store = new FileSystemArtifactStore(root.toAbsolutePath().normalize());
        store.initialize();
        return store;
    }

    /** The root directory of this store, as an absolute, normalized path. */
    public Path root() {
        return root;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException if reading {@code content} throws an {@link IOException} (which is then the
     *         cause), or if the blob cannot be written
     */
    @Override
    public StoredBlob put(InputStream content) {
        Objects.requireNonNull(content, "content");
        Path temp = layout.temp().resolve(UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            MessageDigest sha256 = sha256();
            long size = copy(content, temp, sha256);
            String digest = HexFormat.of().formatHex(sha256.digest());
            moved = place(temp, layout.blob(digest));
            return new StoredBlob(digest, size, moved);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     * @throws StorageException if the blob exists but cannot be opened
     */
    @Override
    public Optional<InputStream> open(String sha256) {
        Path blob = layout.blob(BlobLayout.checkDigest(sha256));
        try {
            // Plain channel stream: callers read in large chunks, and buffering would only add a copy.
            return Optional.of(Files.newInputStream(blob));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot open blob " + blob, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     */
    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(layout.blob(BlobLayout.checkDigest(sha256)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     * @throws StorageException if the blob file cannot be deleted
     */
    @Override
    public boolean delete(String sha256) {
        Path blob = layout.blob(BlobLayout.checkDigest(sha256));
        try {
            return Files.deleteIfExists(blob);
        } catch (IOException e) {
            throw new StorageException("cannot delete blob " + blob, e);
        }
    }

    /**
     * {@inheritDoc} Files under {@code <root>/sha256} whose names do not make a digest are ignored.
     *
     * @throws StorageException if a directory cannot be listed, when the stream is created or consumed
     */
    @Override
    public Stream<String> list() {
        return BlobListing.shards(layout.blobs()).stream().flatMap(shard -> BlobListing.digests(shard).stream());
    }

    /** Does nothing: the store holds no open files between calls. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FileSystemArtifactStore[" + root + "]";
    }

    private void initialize() {
        try {
            boolean created = !Files.isDirectory(root);
            Files.createDirectories(layout.blobs());
            Files.createDirectories(layout.temp());
            Durability.forceDirectory(root);
            if (created && root.getParent() != null) {
                Durability.forceDirectory(root.getParent());
            }
        } catch (IOException e) {
            throw new StorageException("cannot open artifact store at " + root, e);
        }
        TempFiles.deleteOlderThan(layout.temp(), TEMP_FILE_MAX_AGE);
    }

    /** Copies {@code content} to a new file {@code temp}, updating {@code sha256}, and forces it to disk. */
    private static long copy(InputStream content, Path temp, MessageDigest sha256) {
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, CREATE_NEW, WRITE)) {
            int n;
            while ((n = read(content, buffer)) > 0) {
                sha256.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
            }
            out.force(true);
            return size;
        } catch (IOException e) {
            throw new StorageException("cannot write temp file " + temp, e);
        }
    }

    /** Fills {@code buffer} as far as the content allows; 0 at end of content. */
    private static int read(InputStream content, byte[] buffer) {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            // Kept apart from write failures so the caller can tell its source failed, not the disk.
            throw new StorageException("cannot read the content to store: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the complete {@code temp} file to {@code target} unless the blob is already there.
     * Returns whether it moved it; leaves {@code temp} for the caller to delete if not.
     */
    private static boolean place(Path temp, Path target) {
        if (Files.isRegularFile(target)) {
            return false;
        }
        Path shard = target.getParent();
        try {
            if (!Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                Durability.forceDirectory(shard.getParent());
            }
            // Another writer may rename the same bytes into place at the same moment; either rename
            // wins and both leave the same content, which is why replacing is harmless.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("the filesystem cannot rename " + temp + " atomically to " + target, e);
        } catch (IOException e) {
            // Some platforms refuse to replace a file another writer just placed (or a reader holds open).
            if (Files.isRegularFile(target)) {
                return false;
            }
            throw new StorageException("cannot move " + temp + " to " + target, e);
        }
        Durability.forceDirectory(shard);
        return true;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A temp file nobody can see does no harm; the next store opened on this root deletes it.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
