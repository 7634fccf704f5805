package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Content digests of local datasets: a file's SHA-256, or for a directory the digest its files
 * would get as a version (the same files, chosen by the same rules, in the same order).
 */
final class DatasetDigests {

    private DatasetDigests() {
    }

    /** {@code sha256:} and the digest of {@code path}. */
    static String digest(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidInputException("dataset path", path.toString(), "does not exist");
        }
        if (Files.isDirectory(path)) {
            List<FileEntry> entries = new ArrayList<>();
            for (PendingFile file : SourceFiles.collect(path)) {
                Hashed hashed = hash(file.source());
                entries.add(new FileEntry(file.path(), hashed.size(), hashed.hex()));
            }
            if (entries.isEmpty()) {
                throw new InvalidInputException("dataset path", path.toString(), "is a directory without files");
            }
            entries.sort(Digests.FILE_ORDER);
            return "sha256:" + Digests.manifest(entries);
        }
        return "sha256:" + hash(SourceFiles.regularFile(path)).hex();
    }

    private record Hashed(long size, String hex) {
    }

    private static Hashed hash(SourceFile source) {
        MessageDigest sha = Digests.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long size = 0;
        try (FileChannel channel = source.open()) {
            while (channel.read(buffer.clear()) >= 0) {
                size += buffer.flip().remaining();
                sha.update(buffer);
            }
        } catch (IOException e) {
            throw new StorageException("could not read dataset file " + source.shown(), e);
        }
        return new Hashed(size, HexFormat.of().formatHex(sha.digest()));
    }
}
