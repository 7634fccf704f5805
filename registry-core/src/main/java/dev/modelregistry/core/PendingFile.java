package dev.modelregistry.core;

import dev.modelregistry.Progress;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A file added to a registration, not yet stored: exactly one of {@code source} and {@code stream}
 * is set. {@code size} is the stream's length where it is known in advance (bytes handed over as an
 * array), else {@link Progress#UNKNOWN}; a source file's size is looked up only for progress reports.
 */
record PendingFile(String path, SourceFile source, InputStream stream, long size) {

    static PendingFile of(String path, SourceFile source) {
        return new PendingFile(path, source, null, Progress.UNKNOWN);
    }

    static PendingFile of(String path, InputStream stream) {
        return new PendingFile(path, null, stream, Progress.UNKNOWN);
    }

    /** Bytes already in memory: a stream over a private copy, of known size. */
    static PendingFile of(String path, byte[] bytes) {
        return new PendingFile(path, null, new ByteArrayInputStream(bytes.clone()), bytes.length);
    }
}
