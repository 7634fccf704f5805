package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private static final long INTERVAL = Progress.INTERVAL.toNanos();

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<Progress> calls = new ArrayList<>();

    private ProgressTracker tracker(long... totals) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            paths.add("f" + i);
        }
        return new ProgressTracker(calls::add, paths, totals, clock::get);
    }

    @Nested
    class OnTheCallersThread {

        @Test
        void aFileIsReportedWhenItStartsAndWhenItEndsWithBytesInBetweenOncePerInterval() {
            ProgressTracker tracker = tracker(1000);
            ProgressTracker.Counter f = tracker.counter(0);

            f.start();
            f.add(100);
            clock.addAndGet(INTERVAL - 1);
            f.add(100);
            clock.addAndGet(1);
            f.add(100);
            f.add(100);
            clock.addAndGet(INTERVAL);
            f.add(100);
            f.finish(1000);
            tracker.finish();

            assertThat(calls).containsExactly(
                    new Progress("f0", 0, 1000, 0, 1000, 0, 1),
                    new Progress("f0", 300, 1000, 300, 1000, 0, 1),
                    new Progress("f0", 500, 1000, 500, 1000, 0, 1),
                    new Progress("f0", 1000, 1000, 1000, 1000, 1, 1),
                    new Progress("", 0, 0, 1000, 1000, 1, 1));
        }

        @Test
        void aKnownTotalIsReachedOnlyByTheFinalReport() {
            ProgressTracker tracker = tracker(10);
            ProgressTracker.Counter f = tracker.counter(0);
            f.start();
            clock.addAndGet(INTERVAL);
            f.add(10);
            f.finish(10);

            assertThat(calls).extracting(Progress::fileBytesDone).containsExactly(0L, 9L, 10L);
        }

        @Test
        void anUnknownTotalBecomesKnownWhenItsFileEnds() {
            ProgressTracker tracker = tracker(Progress.UNKNOWN, 5);
            ProgressTracker.Counter stream = tracker.counter(0);
            stream.start();
            clock.addAndGet(INTERVAL);
            stream.add(70);
            stream.finish(70);
            tracker.counter(1).start();
            tracker.counter(1).finish(5);
            tracker.finish();

            assertThat(calls).containsExactly(
                    new Progress("f0", 0, Progress.UNKNOWN, 0, Progress.UNKNOWN, 0, 2),
                    new Progress("f0", 70, Progress.UNKNOWN, 70, Progress.UNKNOWN, 0, 2),
                    new Progress("f0", 70, 70, 70, 75, 1, 2),
                    new Progress("f1", 0, 5, 70, 75, 1, 2),
                    new Progress("f1", 5, 5, 75, 75, 2, 2),
                    new Progress("", 0, 0, 75, 75, 2, 2));
        }

        @Test
        void readingBytesAgainDoesNotCountThemTwice() {
            ProgressTracker tracker = tracker(100);
            ProgressTracker.Counter f = tracker.counter(0);
            f.start();
            f.reached(80);
            f.reached(30);
            clock.addAndGet(INTERVAL);
            f.reached(50);

            assertThat(calls).extracting(Progress::fileBytesDone).containsExactly(0L, 80L);
        }
    }

    @Nested
    class FromOtherThreads {

        @Test
        void countersMovedByAnotherThreadAreReportedOnlyWhenTheCallerReports() throws InterruptedException {
            ProgressTracker tracker = tracker(100, 200);
            Thread worker = new Thread(() -> {
                tracker.counter(1).start();
                tracker.counter(1).add(150);
                tracker.counter(0).start();
                tracker.counter(0).add(100);
                tracker.counter(0).finish(100);
            });
            worker.start();
            worker.join();
            assertThat(calls).isEmpty();

            clock.addAndGet(INTERVAL);
            tracker.report();

            assertThat(calls).containsExactly(
                    new Progress("f0", 0, 100, 0, 300, 0, 2),
                    new Progress("f0", 100, 100, 100, 300, 1, 2),
                    new Progress("f1", 0, 200, 100, 300, 1, 2),
                    new Progress("f1", 150, 200, 250, 300, 1, 2));
        }
    }

    @Nested
    class WhenTheListenerThrows {

        @Test
        void itsExceptionIsThrownAgainByEveryLaterReportAndNothingMoreIsReported() {
            IllegalStateException stop = new IllegalStateException("stop");
            List<String> paths = List.of("a", "b");
            int[] calls = {0};
            ProgressTracker tracker = new ProgressTracker(p -> {
                calls[0]++;
                throw stop;
            }, paths, new long[] {1, 1}, clock::get);

            assertThatThrownBy(() -> tracker.counter(0).start()).isSameAs(stop);
            assertThatThrownBy(() -> tracker.counter(1).start()).isSameAs(stop);
            assertThatThrownBy(tracker::rethrowFailure).isSameAs(stop);
            assertThat(calls[0]).isEqualTo(1);
        }
    }

    @Test
    void finishingBeforeEveryFileIsDoneIsABug() {
        ProgressTracker tracker = tracker(1, 1);
        tracker.counter(0).start();
        tracker.counter(0).finish(1);

        assertThatThrownBy(tracker::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("f1");
    }
}
