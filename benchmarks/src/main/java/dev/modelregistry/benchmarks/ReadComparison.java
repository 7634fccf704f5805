package dev.modelregistry.benchmarks;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading a registered file back through {@code registry.open} (verified against its SHA-256) vs
 * reading the same blob file with plain {@code Files.newInputStream}: with the file in the page cache
 * and, where the machine lets us drop the cache, from disk; with the 8 KiB reads of
 * {@code InputStream.transferTo} and with 1 MiB reads.
 */
final class ReadComparison {

    private static final double TARGET = 0.9;
    private static final int[] BUFFERS = {8 * 1024, 1024 * 1024};

    private final Dataset data;
    private final Workspace workspace;
    private final int reps;
    private long verifiedHeap;

    ReadComparison(Dataset data, Workspace workspace, int reps) {
        this.data = data;
        this.workspace = workspace;
        this.reps = reps;
    }

    String run() throws IOException {
        Path root = workspace.fresh("read");
        String loadBefore = MachineLoad.oneMinute();
        try (Registry registry = EmbeddedRegistry.open(root.resolve("registry"))) {
            ModelVersion version = registry.register("bench-read").file(data.root()).commit();
            FileEntry entry = version.files().get(0);
            Path blob = EmbeddedRegistry.artifactsDirectory(root.resolve("registry")).resolve("sha256")
                    .resolve(entry.sha256().substring(0, 2)).resolve(entry.sha256().substring(2));
            Reader plain = buffer -> drain(Files.newInputStream(blob), buffer);
            Reader verified = buffer -> drain(registry.open(version, entry.path()), buffer);
            // untimed: compiles the read loops and brings the blob into the page cache
            plain.read(BUFFERS[1]);
            verified.read(BUFFERS[1]);

            double hashSpeed = HashSpeed.oneCore();
            int cores = Runtime.getRuntime().availableProcessors();
            boolean canDrop = PageCache.drop(root);
            StringBuilder out = new StringBuilder();
            out.append("### Reading a ").append(BenchOptions.human(data.bytes())).append(" file back\n\n");
            MarkdownTable table = new MarkdownTable("page cache", "read size", "plain `Files.newInputStream`",
                    "verified `registry.open`", "verified ÷ plain", "ceiling: one SHA-256 ÷ plain");
            List<String> verdicts = new ArrayList<>();
            for (boolean cold : canDrop ? new boolean[] {false, true} : new boolean[] {false}) {
                PageCache.warm(List.of(blob));
                for (int buffer : BUFFERS) {
                    Samples p = new Samples();
                    Samples v = new Samples();
                    for (int rep = 0; rep < reps; rep++) {
                        boolean plainFirst = rep % 2 == 0;
                        if (plainFirst) {
                            time(plain, p, buffer, cold, root);
                        }
                        verifiedHeap = Math.max(verifiedHeap, time(verified, v, buffer, cold, root));
                        if (!plainFirst) {
                            time(plain, p, buffer, cold, root);
                        }
                    }
                    double ratio = p.median() / v.median();
                    String cache = cold ? "cold (dropped before each read)" : "warm";
                    double plainSpeed = data.bytes() / (p.median() / 1e9);
                    table.row(cache, buffer / 1024 + " KiB", p.throughput(data.bytes()), v.throughput(data.bytes()),
                            Samples.ratio(ratio), Samples.ratio(Math.min(1, hashSpeed / plainSpeed)));
                    verdicts.add(cache.split(" ")[0] + " " + buffer / 1024 + " KiB " + verdict(ratio));
                    Progress.note(String.format(Locale.ROOT, "read %s %d KiB: plain %s, verified %s", cache,
                            buffer / 1024, p.throughput(data.bytes()), v.throughput(data.bytes())));
                }
            }
            out.append(table).append('\n');
            out.append(String.format(Locale.ROOT, "SHA-256 on one core, in memory, this run: %.0f MB/s; %d cores. "
                    + "A reader that checks one SHA-256 over every byte cannot pass that speed, so it cannot beat "
                    + "the ceiling column; hashing on all %d cores at once (which needs per-chunk digests) would "
                    + "cap it at %d× that, and the reader's own copy needs CPU too.%n%n",
                    hashSpeed / 1e6, cores, cores, cores));
            if (!canDrop) {
                out.append("Cold-cache rows skipped: this process cannot write /proc/sys/vm/drop_caches.\n\n");
            }
            out.append("Peak heap during a verified read: ").append(Samples.mib(verifiedHeap)).append(".\n\n");
            out.append("Machine load (1-minute average) during this case: ").append(loadBefore).append(" → ")
                    .append(MachineLoad.oneMinute()).append(".\n\n");
            out.append("Target: verified read ≥ 0.9× plain read: ").append(String.join("; ", verdicts)).append("\n\n");
            return out.toString();
        } finally {
            Workspace.delete(root);
        }
    }

    /** Times one full read into {@code samples} and returns the peak heap during it. */
    private long time(Reader reader, Samples samples, int buffer, boolean cold, Path root) throws IOException {
        if (cold && !PageCache.drop(root)) {
            throw new IOException("could drop the page cache once, but not again");
        }
        HeapPeak.reset();
        long start = System.nanoTime();
        long read = reader.read(buffer);
        samples.add(System.nanoTime() - start);
        if (read != data.bytes()) {
            throw new IOException("read " + read + " bytes, expected " + data.bytes());
        }
        return HeapPeak.peak();
    }

    private static String verdict(double ratio) {
        return "**" + Samples.ratio(ratio) + (ratio >= TARGET ? ", met**" : ", MISSED**");
    }

    private static long drain(InputStream stream, int bufferSize) throws IOException {
        byte[] buffer = new byte[bufferSize];
        long total = 0;
        try (InputStream in = stream) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        return total;
    }

    /** Reads the whole file with reads of the given size and returns the byte count. */
    @FunctionalInterface
    private interface Reader {
        long read(int bufferSize) throws IOException;
    }
}
