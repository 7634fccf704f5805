package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.READ;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Forcing directory entries to disk, so that a created or renamed file survives power loss. */
final class Durability {

    private Durability() {
    }

    /**
     * Forces the entries of {@code dir} (files created, renamed or deleted in it) to disk. Does
     * nothing where the platform cannot open a directory (Windows), which persists entries its own way.
     *
     * @throws StorageException if the directory opens but cannot be forced
     */
    static void forceDirectory(Path dir) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, READ);
        } catch (IOException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot force directory " + dir + " to disk", e);
        }
    }
}
