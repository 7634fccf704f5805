package dev.modelregistry.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes a copy writes into a progress counter. Used only when a progress listener was given. */
final class CountingOutputStream extends FilterOutputStream {

    private final ProgressTracker.Counter counter;

    CountingOutputStream(OutputStream out, ProgressTracker.Counter counter) {
        super(out);
        this.counter = counter;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        counter.add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        counter.add(len);
    }
}
