package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Progress;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress reports of {@code commit(listener)} and {@code copyTo(..., listener)}, through the public
 * API. Run by {@link RegistryContract} as a nested group on every wiring.
 */
public abstract class RegistryProgressContract {

    private static final int MIB = 1024 * 1024;
    // what a report may arrive early against the tracker's own clock: the listener runs a moment after the check
    private static final long TOLERANCE_NANOS = 20_000_000L;

    @TempDir
    Path dir;

    /** The registry under test. */
    protected abstract Registry registry();

    @Test
    void everyFileIsReportedFromNothingToItsSizeAndTheCountsOnlyGrow() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        write(model.resolve("weights.bin"), 5 * MIB + 17);
        write(model.resolve("config.json"), 300);
        write(model.resolve("vocab/tokens.txt"), 70_000);
        Recorder recorder = new Recorder();

        ModelVersion v = registry().register("llm").file(model).content("card.md", bytes(1234)).commit(recorder);

        List<Progress> calls = recorder.calls;
        assertThat(calls.get(calls.size() - 1)).satisfies(last -> {
            assertThat(last.finished()).isTrue();
            assertThat(last.bytesDone()).isEqualTo(v.size()).isEqualTo(last.bytesTotal());
            assertThat(last.filesDone()).isEqualTo(4).isEqualTo(last.filesTotal());
        });
        assertThat(calls).filteredOn(Progress::finished).hasSize(1);
        assertThat(calls).allSatisfy(p -> assertThat(p.bytesTotal()).isEqualTo(v.size()));
        assertGrowing(calls);
        for (FileEntry file : v.files()) {
            List<Progress> own = of(calls, file.path());
            assertThat(own.get(0).fileBytesDone()).as(file.path() + " first").isZero();
            assertThat(own.get(own.size() - 1)).as(file.path() + " final").satisfies(p -> {
                assertThat(p.fileBytesDone()).isEqualTo(file.size());
                assertThat(p.fileBytesTotal()).isEqualTo(file.size());
            });
            assertThat(own).as(file.path() + " reaches its size once").filteredOn(p -> p.fileBytesDone() == file.size())
                    .hasSize(1);
            assertThat(own).allSatisfy(p -> assertThat(p.fileBytesTotal()).isEqualTo(file.size()));
        }
    }

    @Test
    void reportsBetweenAFilesFirstAndFinalOnesComeAtMostOncePerInterval() {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();

        registry().register("slow").content("a.bin", new SlowStream(bytes(3 * MIB), 48 * 1024))
                .content("b.bin", new SlowStream(bytes(MIB), 48 * 1024)).commit(recorder);

        long elapsed = System.nanoTime() - start;
        List<Integer> between = recorder.intermediate();
        assertThat(between).as("a slow source is reported while it is read").isNotEmpty();
        for (int i = 1; i < between.size(); i++) {
            long gap = recorder.times.get(between.get(i)) - recorder.times.get(between.get(i - 1));
            assertThat(gap).as("gap before report " + i).isGreaterThanOrEqualTo(Progress.INTERVAL.toNanos() - TOLERANCE_NANOS);
        }
        assertThat((long) recorder.calls.size()).isLessThanOrEqualTo(elapsed / Progress.INTERVAL.toNanos() + 2 * 2 + 2);
        assertGrowing(recorder.calls);
    }

    @Test
    void theListenerIsCalledOnTheCallersThreadOneCallAtATimeWhileFilesAreStoredInParallel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("shards"));
        for (int i = 0; i < 8; i++) {
            write(model.resolve("shard-" + i + ".bin"), MIB + i);
        }
        Recorder recorder = new Recorder();

        ModelVersion v = registry().register("sharded").file(model).commit(recorder);

        assertThat(recorder.threads).containsOnly(Thread.currentThread());
        assertThat(recorder.mostAtOnce.get()).isEqualTo(1);
        assertThat(recorder.last().bytesDone()).isEqualTo(v.size());
        assertThat(recorder.calls).filteredOn(p -> !p.finished()).extracting(Progress::path).containsAll(
                v.files().stream().map(FileEntry::path).toList());
        assertGrowing(recorder.calls);
    }

    @Test
    void aStreamsSizeIsUnknownUntilItHasBeenReadToItsEnd() {
        Recorder recorder = new Recorder();
        byte[] streamed = bytes(2 * MIB + 5);

        registry().register("streamed").content("known.bin", bytes(1000))
                .content("streamed.bin", new SlowStream(streamed, 256 * 1024)).commit(recorder);

        List<Progress> own = of(recorder.calls, "streamed.bin");
        Progress fin = own.get(own.size() - 1);
        assertThat(own.subList(0, own.size() - 1)).isNotEmpty().allSatisfy(p -> {
            assertThat(p.fileBytesTotal()).isEqualTo(Progress.UNKNOWN);
            assertThat(p.bytesTotal()).isEqualTo(Progress.UNKNOWN);
            assertThat(p.fraction()).isEmpty();
        });
        assertThat(fin.fileBytesDone()).isEqualTo(streamed.length).isEqualTo(fin.fileBytesTotal());
        assertThat(of(recorder.calls, "known.bin")).allSatisfy(p -> assertThat(p.fileBytesTotal()).isEqualTo(1000));
        assertThat(recorder.last().bytesTotal()).isEqualTo(streamed.length + 1000L);
        assertThat(recorder.last().fraction()).hasValue(1.0);
    }

    @Test
    void aListenerThatThrowsStopsTheCommitWithItsOwnExceptionAndRegistersNothing() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        write(model.resolve("a.bin"), 2 * MIB);
        write(model.resolve("b.bin"), 2 * MIB);
        long head = registry().journal().head();
        for (Predicate<Progress> when : List.<Predicate<Progress>>of(p -> true, p -> p.fileBytesDone() > 0,
                Progress::finished)) {
            IllegalStateException stop = new IllegalStateException("stop");
            Registration registration = registry().register("stopped").file(model).content("c.bin", bytes(MIB));

            assertThatThrownBy(() -> registration.commit(p -> {
                if (when.test(p)) {
                    throw stop;
                }
            })).isSameAs(stop);

            assertThat(registry().versions("stopped")).isEmpty();
            assertThat(registry().journal().head()).isEqualTo(head);
            assertThatThrownBy(registration::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spent");
        }
        assertThat(registry().register("stopped").file(model).commit().version()).isEqualTo(1);
    }

    @Test
    void copyingReportsTheVersionsFilesAndTheirSizes() throws IOException {
        ModelVersion v = registry().register("copied").content("weights.bin", bytes(4 * MIB + 3))
                .content("config/params.json", bytes(512)).content("readme.md", bytes(10)).commit();
        Recorder recorder = new Recorder();

        Path out = registry().copyTo(v, dir.resolve("out"), recorder);

        assertThat(recorder.threads).containsOnly(Thread.currentThread());
        assertThat(recorder.last()).satisfies(last -> {
            assertThat(last.finished()).isTrue();
            assertThat(last.bytesDone()).isEqualTo(v.size()).isEqualTo(last.bytesTotal());
            assertThat(last.filesDone()).isEqualTo(v.files().size()).isEqualTo(last.filesTotal());
        });
        assertGrowing(recorder.calls);
        for (FileEntry file : v.files()) {
            List<Progress> own = of(recorder.calls, file.path());
            assertThat(own.get(0).fileBytesDone()).isZero();
            assertThat(own.get(own.size() - 1).fileBytesDone()).isEqualTo(file.size());
            assertThat(own).allSatisfy(p -> assertThat(p.fileBytesTotal()).isEqualTo(file.size()));
            assertThat(Files.size(out.resolve(file.path()))).isEqualTo(file.size());
        }
    }

    @Test
    void aListenerThatThrowsStopsTheCopyAndTheFileBeingCopiedIsRemoved() throws IOException {
        ModelVersion v = registry().register("copied").content("a.bin", bytes(MIB)).content("b.bin", bytes(2 * MIB))
                .commit();
        IllegalStateException stop = new IllegalStateException("stop");
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> registry().copyTo(v.ref(), out, p -> {
            if (p.path().equals("b.bin")) {
                throw stop;
            }
        })).isSameAs(stop);

        assertThat(Files.size(out.resolve("a.bin"))).isEqualTo(MIB);
        assertThat(out.resolve("b.bin")).doesNotExist();
    }

    private static List<Progress> of(List<Progress> calls, String path) {
        return calls.stream().filter(p -> p.path().equals(path)).toList();
    }

    /** Overall counts never shrink, and neither does any one file's. */
    private static void assertGrowing(List<Progress> calls) {
        Map<String, Long> files = new LinkedHashMap<>();
        for (int i = 1; i < calls.size(); i++) {
            Progress before = calls.get(i - 1);
            Progress now = calls.get(i);
            assertThat(now.bytesDone()).as("bytes done at call " + i).isGreaterThanOrEqualTo(before.bytesDone());
            assertThat(now.filesDone()).as("files done at call " + i).isGreaterThanOrEqualTo(before.filesDone());
        }
        for (Progress p : calls) {
            if (!p.finished()) {
                assertThat(p.fileBytesDone()).as(p.path()).isGreaterThanOrEqualTo(files.getOrDefault(p.path(), 0L));
                files.put(p.path(), p.fileBytesDone());
            }
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static void write(Path file, int n) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes(n));
    }

    /** Records every call with when and on which thread it came, and how many ran at once. */
    private static final class Recorder implements ProgressListener {
        final List<Progress> calls = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public void progress(Progress p) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                calls.add(p);
                times.add(System.nanoTime());
                threads.add(Thread.currentThread());
            }
            running.decrementAndGet();
        }

        Progress last() {
            return calls.get(calls.size() - 1);
        }

        /** The indexes of the reports other than first, final and last ones. */
        List<Integer> intermediate() {
            Map<String, Boolean> seen = new LinkedHashMap<>();
            List<Integer> between = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                Progress p = calls.get(i);
                boolean first = seen.put(p.path(), true) == null;
                boolean fin = p.fileBytesTotal() != Progress.UNKNOWN && p.fileBytesDone() == p.fileBytesTotal();
                if (!first && !fin && !p.finished()) {
                    between.add(i);
                }
            }
            return between;
        }
    }

    /** A source that delivers at most {@code chunk} bytes per read, 10 ms apart. */
    private static final class SlowStream extends InputStream {
        private final byte[] content;
        private final int chunk;
        private int pos;

        SlowStream(byte[] content, int chunk) {
            this.content = content;
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == content.length) {
                return -1;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            int n = Math.min(Math.min(len, chunk), content.length - pos);
            System.arraycopy(content, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
