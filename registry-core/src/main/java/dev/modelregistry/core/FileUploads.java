package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stores the files of a registration. Files given as paths are stored a few at a time: storing a
 * file is mostly waiting for its fsync, and overlapping one file's fsync with the next one's copy
 * and hash keeps the disk busy (storing 200 files one by one took 1.65× as long as {@code cp -r}
 * then {@code sync}; see docs/PERFORMANCE.md). Streams are read one by one on the caller's thread,
 * since a caller may hand over streams that share a source.
 */
final class FileUploads {

    private static final int PARALLEL_PUTS = 4;

    /** A stored file: its manifest entry, and whether its bytes were new to the store. */
    record Stored(FileEntry entry, boolean written) {
    }

    private FileUploads() {
    }

    /**
     * Puts every file into {@code store} and returns what was stored, in no particular order. If any
     * put fails, the others are cancelled and awaited, and the first failure is thrown as it was.
     */
    static List<Stored> store(ArtifactStore store, Collection<PendingFile> files) {
        List<Stored> entries = new ArrayList<>(files.size());
        List<PendingFile> paths = files.stream().filter(f -> f.source() != null).toList();
        for (PendingFile file : files) {
            if (file.source() == null) {
                entries.add(entry(file, store.put(file.stream())));
            }
        }
        if (paths.size() < 2) {
            paths.forEach(f -> entries.add(put(store, f)));
            return entries;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_PUTS, paths.size()), task -> {
            Thread thread = new Thread(task, "registry-store");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Stored>> puts = new ArrayList<>(paths.size());
            for (PendingFile file : paths) {
                puts.add(pool.submit(() -> put(store, file)));
            }
            for (Future<Stored> put : puts) {
                entries.add(await(put));
            }
            return entries;
        } finally {
            // nothing of this registration may still be writing once commit() has returned or thrown
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    /** Stores a source file through the channel that {@link SourceFile#open()} opened without following links. */
    private static Stored put(ArtifactStore store, PendingFile file) {
        try (FileChannel channel = file.source().open()) {
            return entry(file, store.put(channel));
        } catch (IOException e) {
            throw new StorageException("cannot close source file " + file.source().shown(), e);
        }
    }

    private static Stored entry(PendingFile file, StoredBlob blob) {
        return new Stored(new FileEntry(file.path(), blob.size(), blob.sha256()), blob.written());
    }

    private static Stored await(Future<Stored> put) {
        try {
            return put.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StorageException("cannot store a file", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while storing files", e);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
