package dev.modelregistry.core;

import dev.modelregistry.Progress;
import dev.modelregistry.ProgressListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Turns the byte counts of an operation's files into reports to a {@link ProgressListener}, made
 * only on the thread that created the tracker (the caller of {@code commit} or {@code copyTo}).
 * The threads moving the bytes update a {@link Counter} per file; the caller's thread reports what
 * changed when {@link #report()} runs, which it does itself while it waits for other threads, or
 * which a counter triggers when the caller's thread is the one moving the bytes.
 *
 * <p>Per file: a first report with nothing done when it starts, a final one with everything done
 * when it is stored; other reports at most one per {@link Progress#INTERVAL} for the whole
 * operation, for the file that moved the most since it was last reported. {@link #finish()} makes
 * the last report. The overall bytes done count each file as of its latest report, so they never
 * run ahead of the per-file reports. A listener's exception is remembered, so that it reaches the
 * caller as it was even if a store wraps it, and every later {@code report()} throws it again.
 * Counters are thread-safe; everything else is for the caller's thread only.
 */
final class ProgressTracker {

    private static final long NOT_FINISHED = Long.MIN_VALUE;
    private static final byte WAITING = 0;
    private static final byte STARTED = 1;
    private static final byte DONE = 2;

    /** One file's counts; each is written by one thread at a time, the one moving the file's bytes. */
    final class Counter {

        private volatile boolean started;
        private volatile long done;
        private volatile long finished = NOT_FINISHED;

        /** The file's bytes begin to move. */
        void start() {
            started = true;
            changed();
        }

        /** Every byte up to {@code offset} has moved; a second pass over bytes already counted adds nothing. */
        void reached(long offset) {
            if (offset > done) {
                done = offset;
            }
            poke();
        }

        /** {@code n} more bytes moved, in sequence. */
        void add(long n) {
            reached(done + n);
        }

        /** The file is done, {@code size} bytes long. */
        void finish(long size) {
            finished = size;
            changed();
        }
    }

    private final ProgressListener listener;
    private final Thread caller = Thread.currentThread();
    private final LongSupplier nanoTime;
    private final long interval;
    private final List<String> paths;
    private final Counter[] counters;
    private final long[] totals;
    private final long[] reported;
    private final byte[] states;
    private final AtomicInteger changes = new AtomicInteger();
    private int changesSeen = -1;
    private long knownTotal;
    private int unknownTotals;
    private long bytesReported;
    private int filesDone;
    private long lastReport;
    private Throwable failure;

    /**
     * A tracker for files {@code paths} of sizes {@code totals} ({@link Progress#UNKNOWN} where not
     * known yet), reporting on the calling thread.
     */
    ProgressTracker(ProgressListener listener, List<String> paths, long[] totals) {
        this(listener, paths, totals, System::nanoTime);
    }

    ProgressTracker(ProgressListener listener, List<String> paths, long[] totals, LongSupplier nanoTime) {
        if (paths.size() != totals.length) {
            throw new IllegalArgumentException(paths.size() + " paths but " + totals.length + " totals");
        }
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.interval = Progress.INTERVAL.toNanos();
        this.paths = List.copyOf(paths);
        this.totals = totals.clone();
        this.reported = new long[totals.length];
        this.states = new byte[totals.length];
        this.counters = new Counter[totals.length];
        for (int i = 0; i < totals.length; i++) {
            counters[i] = new Counter();
            if (totals[i] == Progress.UNKNOWN) {
                unknownTotals++;
            } else {
                knownTotal += totals[i];
            }
        }
        this.lastReport = nanoTime.getAsLong();
    }

    /** The counter of file {@code index}, in the order of the paths given. */
    Counter counter(int index) {
        return counters[index];
    }

    /**
     * Reports what changed since the last call: first and final reports of files that started or
     * finished, and one report of bytes moved if {@link Progress#INTERVAL} has passed since the last.
     * Caller's thread only.
     *
     * @throws RuntimeException or {@link Error} as thrown by the listener, now or earlier
     */
    void report() {
        rethrowFailure();
        int seen = changes.get();
        if (seen != changesSeen) {
            changesSeen = seen;
            for (int i = 0; i < states.length; i++) {
                startOrFinish(i);
            }
        }
        long now = nanoTime.getAsLong();
        if (now - lastReport < interval) {
            return;
        }
        int best = -1;
        long most = 0;
        for (int i = 0; i < states.length; i++) {
            long moved = states[i] == STARTED ? movable(i) - reported[i] : 0;
            if (moved > most) {
                best = i;
                most = moved;
            }
        }
        if (best >= 0) {
            lastReport = now;
            bytesReported += most;
            reported[best] += most;
            send(best, reported[best]);
        }
    }

    /** Reports every file still to report, then the last report of the operation; every file must be finished. */
    void finish() {
        changesSeen = -1;
        report();
        for (int i = 0; i < states.length; i++) {
            if (states[i] != DONE) {
                throw new IllegalStateException(paths.get(i) + " is not finished");
            }
        }
        send(new Progress("", 0, 0, bytesReported, knownTotal, filesDone, states.length));
    }

    /** If the listener threw, throws that exception again, as it was. */
    void rethrowFailure() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private void startOrFinish(int i) {
        Counter counter = counters[i];
        long finished = counter.finished;
        if (states[i] == WAITING && (counter.started || finished != NOT_FINISHED)) {
            states[i] = STARTED;
            send(i, 0);
        }
        if (states[i] == STARTED && finished != NOT_FINISHED) {
            if (totals[i] == Progress.UNKNOWN) {
                unknownTotals--;
                knownTotal += finished;
            } else {
                knownTotal += finished - totals[i];
            }
            totals[i] = finished;
            bytesReported += finished - reported[i];
            reported[i] = finished;
            filesDone++;
            states[i] = DONE;
            send(i, finished);
        }
    }

    /** Bytes of an unfinished file that an intermediate report may show: short of a known total, which only the final report reaches. */
    private long movable(int i) {
        long done = counters[i].done;
        return totals[i] == Progress.UNKNOWN ? done : Math.min(done, totals[i] - 1);
    }

    private void send(int i, long fileDone) {
        send(new Progress(paths.get(i), fileDone, totals[i], bytesReported,
                unknownTotals == 0 ? knownTotal : Progress.UNKNOWN, filesDone, states.length));
    }

    private void send(Progress progress) {
        try {
            listener.progress(progress);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    private void changed() {
        changes.incrementAndGet();
        poke();
    }

    private void poke() {
        if (Thread.currentThread() == caller) {
            report();
        }
    }
}
