package dev.modelregistry.core;

import java.io.InputStream;

/** A file added to a registration, not yet stored: exactly one of {@code source} and {@code stream} is set. */
record PendingFile(String path, SourceFile source, InputStream stream) {

    static PendingFile of(String path, SourceFile source) {
        return new PendingFile(path, source, null);
    }

    static PendingFile of(String path, InputStream stream) {
        return new PendingFile(path, null, stream);
    }
}
