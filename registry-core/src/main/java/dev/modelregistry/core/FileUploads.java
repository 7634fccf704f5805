package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.Progress;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores the files of a registration. Files given as paths are stored a few at a time: storing a
 * file is mostly waiting for its fsync, and overlapping one file's fsync with the next one's copy
 * and hash keeps the disk busy (storing 200 files one by one took 1.65× as long as {@code cp -r}
 * then {@code sync}; see docs/PERFORMANCE.md). Streams are read one by one on the caller's thread,
 * since a caller may hand over streams that share a source.
 */
final class FileUploads {

    private static final int PARALLEL_PUTS = 4;
    // how soon a file's first or final report follows its start or end when files are stored in parallel
    private static final long POLL_MILLIS = 20;

    /** A stored file: its manifest entry, and whether its bytes were new to the store. */
    record Stored(FileEntry entry, boolean written) {
    }

    private FileUploads() {
    }

    /** Same as {@link #store(ArtifactStore, Collection, ProgressListener)} without progress reports. */
    static List<Stored> store(ArtifactStore store, Collection<PendingFile> files) {
        return store(store, files, null);
    }

    /**
     * Puts every file into {@code store} and returns what was stored, in no particular order. If any
     * put fails, the others are cancelled and awaited, and the first failure is thrown as it was.
     * With a {@code listener} (null for none), bytes are counted as they are read from each source
     * and reported on the calling thread, which polls the counters while it waits for parallel puts;
     * without one, nothing is wrapped or counted.
     */
    static List<Stored> store(ArtifactStore store, Collection<PendingFile> files, ProgressListener listener) {
        if (listener == null) {
            return store(store, List.copyOf(files), (ProgressTracker) null);
        }
        List<PendingFile> all = List.copyOf(files);
        long[] totals = new long[all.size()];
        for (int i = 0; i < totals.length; i++) {
            PendingFile file = all.get(i);
            totals[i] = file.source() == null ? file.size() : sizeOf(file.source());
        }
        ProgressTracker progress = new ProgressTracker(listener, all.stream().map(PendingFile::path).toList(), totals);
        try {
            List<Stored> stored = store(store, all, progress);
            progress.finish();
            return stored;
        } catch (RuntimeException | Error e) {
            // a store may have wrapped the listener's exception; the caller gets it as it was thrown
            progress.rethrowFailure();
            throw e;
        }
    }

    private static List<Stored> store(ArtifactStore store, List<PendingFile> files, ProgressTracker progress) {
        List<Stored> entries = new ArrayList<>(files.size());
        List<Integer> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            PendingFile file = files.get(i);
            if (file.source() != null) {
                paths.add(i);
            } else if (progress == null) {
                entries.add(entry(file, store.put(file.stream())));
            } else {
                ProgressTracker.Counter counter = progress.counter(i);
                counter.start();
                Stored stored = entry(file, store.put(new CountingInputStream(file.stream(), counter)));
                counter.finish(stored.entry().size());
                entries.add(stored);
            }
        }
        if (paths.size() < 2) {
            paths.forEach(i -> entries.add(put(store, files.get(i), counter(progress, i))));
            return entries;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_PUTS, paths.size()), task -> {
            Thread thread = new Thread(task, "registry-store");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Stored>> puts = new ArrayList<>(paths.size());
            for (int i : paths) {
                puts.add(pool.submit(() -> put(store, files.get(i), counter(progress, i))));
            }
            for (Future<Stored> put : puts) {
                entries.add(await(put, progress));
            }
            return entries;
        } finally {
            // nothing of this registration may still be writing once commit() has returned or thrown
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    private static ProgressTracker.Counter counter(ProgressTracker progress, int index) {
        return progress == null ? null : progress.counter(index);
    }

    /**
     * Stores a source file through the channel that {@link SourceFile#open()} opened without
     * following links, counting what is read from it if {@code counter} is not null.
     */
    private static Stored put(ArtifactStore store, PendingFile file, ProgressTracker.Counter counter) {
        if (counter != null) {
            counter.start();
        }
        try (FileChannel channel = file.source().open()) {
            Stored stored = entry(file, store.put(counter == null ? channel : new CountingChannel(channel, counter)));
            if (counter != null) {
                counter.finish(stored.entry().size());
            }
            return stored;
        } catch (IOException e) {
            throw new StorageException("cannot close source file " + file.source().shown(), e);
        }
    }

    /** The size of a source file as it is now, for progress reports only; unknown if it cannot be read. */
    private static long sizeOf(SourceFile source) {
        Path path = source.root();
        for (String name : source.components()) {
            path = path.resolve(name);
        }
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            return Progress.UNKNOWN;
        }
    }

    private static Stored entry(PendingFile file, StoredBlob blob) {
        return new Stored(new FileEntry(file.path(), blob.size(), blob.sha256()), blob.written());
    }

    /** Waits for a put; with a tracker, the waiting thread reports progress every {@link #POLL_MILLIS}. */
    private static Stored await(Future<Stored> put, ProgressTracker progress) {
        try {
            if (progress == null) {
                return put.get();
            }
            while (true) {
                try {
                    Stored stored = put.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    progress.report();
                    return stored;
                } catch (TimeoutException e) {
                    progress.report();
                }
            }
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
