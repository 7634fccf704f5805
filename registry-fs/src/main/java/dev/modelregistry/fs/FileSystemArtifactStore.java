package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.READ;
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
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed {@link ArtifactStore} in a directory of a local or shared filesystem. Blob
 * {@code abcd…} is the file {@code <root>/sha256/ab/cd…}; besides blobs there are only temp files and
 * empty {@linkplain Fingerprints fingerprint markers}, so the directory can be backed up, copied or
 * inspected with ordinary tools.
 *
 * <p>A {@code put} hashes and writes in one pass to a temp file in {@code <root>/tmp} (the hash on a
 * second thread for large content, reading back what was written), forces it to disk, renames it
 * atomically into place and forces the directory entry, so a blob is never visible half written and
 * an acknowledged {@code put} survives a process kill or power loss (on a filesystem that honours
 * {@code fsync} and atomic rename). A {@code put} interrupted by a crash can leave a temp file
 * behind; opening a store deletes temp files not modified for {@linkplain #TEMP_FILE_MAX_AGE 24 hours}.
 *
 * <p>{@link #put(FileChannel)} writes nothing for content already stored: a file that may be
 * stored, by the {@linkplain Fingerprints fingerprint} of its size and first 64 KiB, is hashed before
 * anything is written; any other file is copied inside the kernel while it is hashed.
 * {@link #put(InputStream)} cannot read its content twice, so it writes a temp file first and, if the
 * content turns out to be stored, deletes it without forcing it to disk. Either way a stored copy is
 * trusted only after it was {@linkplain BlobCheck compared} with the content: a damaged copy is
 * replaced by the content being stored, so an acknowledged put is always readable.
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

    private static final int HASH_CHUNK = 1024 * 1024;

    private final Path root;
    private final BlobLayout layout;
    private final Fingerprints fingerprints;

    private FileSystemArtifactStore(Path root) {
        this.root = root;
        this.layout = new BlobLayout(root);
        this.fingerprints = new Fingerprints(layout.fingerprints());
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
        Path temp = newTempPath();
        boolean moved = false;
        try {
            BlobWriter.Written written = BlobWriter.write(content, temp);
            if (holds(written.sha256(), temp, written.size())) {
                // stored already: the temp file goes without ever being forced to disk
                remember(written);
                return new StoredBlob(written.sha256(), written.size(), false);
            }
            force(temp);
            moved = place(temp, written);
            return new StoredBlob(written.sha256(), written.size(), moved);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * {@inheritDoc} Content already stored is recognized before anything is written (see the class
     * description) and compared with the stored copy, which is replaced if it was damaged; new
     * content is copied inside the kernel and hashed as it lands.
     *
     * @throws StorageException if {@code file} cannot be read, or the blob cannot be written
     */
    @Override
    public StoredBlob put(FileChannel file) {
        Objects.requireNonNull(file, "file");
        try {
            Optional<StoredBlob> stored = alreadyStored(file);
            if (stored.isPresent()) {
                return stored.get();
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + file, e);
        }
        Path temp = newTempPath();
        boolean moved = false;
        try {
            BlobWriter.Written written = BlobWriter.copy(file, temp);
            moved = place(temp, written);
            return new StoredBlob(written.sha256(), written.size(), moved);
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

    /**
     * The blob {@code source} would become, if it is stored already. Reads only the first 64 KiB of a
     * file whose fingerprint is unknown; reads and hashes the whole of any other file.
     */
    private Optional<StoredBlob> alreadyStored(FileChannel source) throws IOException {
        long size = source.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, Fingerprints.HEAD));
        while (head.hasRemaining() && source.read(head, head.position()) >= 0) {
            // positional reads until the head is full
        }
        head.flip();
        if (size > Fingerprints.HEAD && !fingerprints.mayHold(Fingerprints.of(head, size))) {
            return Optional.empty();
        }
        MessageDigest sha256 = TempHasher.sha256();
        long hashed = 0;
        if (size <= Fingerprints.HEAD) {
            hashed = head.remaining();
            sha256.update(head.duplicate());
        } else {
            ByteBuffer buffer = ByteBuffer.allocateDirect(HASH_CHUNK);
            for (int n = source.read(buffer, 0); n > 0; n = source.read(buffer.clear(), hashed)) {
                hashed += n;
                sha256.update(buffer.flip());
            }
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        Path blob = layout.blob(digest);
        boolean intact = size <= Fingerprints.HEAD ? BlobCheck.holds(blob, head) : BlobCheck.holds(blob, source, hashed);
        return intact ? Optional.of(new StoredBlob(digest, hashed, false)) : Optional.empty();
    }

    /** Whether blob {@code sha256} is stored intact: holds exactly the {@code size} bytes of {@code temp}. */
    private boolean holds(String sha256, Path temp, long size) {
        try (FileChannel content = FileChannel.open(temp, READ)) {
            return BlobCheck.holds(layout.blob(sha256), content, size);
        } catch (IOException e) {
            throw new StorageException("cannot compare " + temp + " with the stored blob " + sha256, e);
        }
    }

    private Path newTempPath() {
        return layout.temp().resolve(UUID.randomUUID() + ".tmp");
    }

    private static void force(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot force temp file " + temp + " to disk", e);
        }
    }

    /** Leaves the fingerprint marker of a blob large enough to have one. */
    private void remember(BlobWriter.Written written) {
        if (written.size() > Fingerprints.HEAD) {
            fingerprints.record(written.fingerprint());
        }
    }

    /**
     * Moves the complete, forced {@code temp} file into place unless an intact blob is already there;
     * a damaged one is replaced. Returns whether it moved it; leaves {@code temp} for the caller to
     * delete if not.
     */
    private boolean place(Path temp, BlobWriter.Written written) {
        // the marker goes first, so that every visible blob has one (unless it was lost in a crash)
        remember(written);
        Path target = layout.blob(written.sha256());
        if (Files.isRegularFile(target) && holds(written.sha256(), temp, written.size())) {
            return false;
        }
        Path shard = target.getParent();
        try {
            if (!Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                Durability.forceDirectory(shard.getParent());
            }
            // Replacing repairs a damaged copy; another writer may rename the same bytes into place at
            // the same moment, and either rename wins with the same content.
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
}
