package dev.modelregistry.fs;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the digests stored under {@code <root>/sha256}. Each shard is read whole, so listing
 * holds no directory open between elements and every failure surfaces as a {@link StorageException},
 * while memory stays bounded by one shard (1/256 of the blobs).
 */
final class BlobListing {

    private static final int REST_LENGTH = BlobLayout.DIGEST_LENGTH - BlobLayout.SHARD_LENGTH;

    private BlobListing() {
    }

    /** The shard directories under {@code blobs}: names of two lower-case hex digits. */
    static List<Path> shards(Path blobs) {
        return entries(blobs, BlobLayout.SHARD_LENGTH, true);
    }

    /** The digests of the blob files in {@code shard}. */
    static List<String> digests(Path shard) {
        String prefix = shard.getFileName().toString();
        List<String> digests = new ArrayList<>();
        for (Path blob : entries(shard, REST_LENGTH, false)) {
            digests.add(prefix + blob.getFileName());
        }
        return digests;
    }

    private static List<Path> entries(Path dir, int nameLength, boolean directories) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                boolean wanted = directories ? Files.isDirectory(entry) : Files.isRegularFile(entry);
                if (name.length() == nameLength && BlobLayout.isLowerHex(name) && wanted) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing stored yet, or the directory was removed by hand: an empty listing is the truth.
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir, e);
        } catch (DirectoryIteratorException e) {
            throw new StorageException("cannot list " + dir, e.getCause());
        }
        return entries;
    }
}
