package dev.modelregistry.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The Markdown section of one register comparison: the side-by-side table, the registry's details, the targets. */
final class RegisterReport {

    private static final double REGISTER_TARGET = 1.1;
    // what H2 writes to commit a version: far below any content size worth measuring
    private static final long METADATA_WRITES = 1024 * 1024;

    private final String title;
    private final Dataset data;
    private final Map<String, Samples> times;
    private final List<RegistryRun.Result> runs;
    private final List<Reference> references;

    RegisterReport(String title, Dataset data, Map<String, Samples> times, List<RegistryRun.Result> runs,
                   List<Reference> references) {
        this.title = title;
        this.data = data;
        this.times = times;
        this.runs = runs;
        this.references = references;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append(": ").append(BenchOptions.human(data.bytes())).append(" in ")
                .append(data.files().size()).append(data.files().size() == 1 ? " file" : " files").append("\n\n");
        out.append(sideBySide()).append('\n');
        out.append("Registry details (median of ").append(runs.size()).append(" runs; heap: the largest peak):\n\n");
        out.append(details()).append('\n');
        out.append(targets()).append("\n\n");
        return out.toString();
    }

    private MarkdownTable sideBySide() {
        MarkdownTable table = new MarkdownTable("subject", "median wall time (min–max)", "throughput", "× durable copy");
        Samples durable = times.get(References.DURABLE_COPY);
        times.forEach((subject, samples) -> table.row(subject, samples.seconds(), samples.throughput(data.bytes()),
                durable == null ? "n/a" : Samples.ratio(samples.median() / durable.median())));
        for (Reference r : references) {
            r.unavailable().ifPresent(why -> table.row(r.name(), "skipped: " + why, "", ""));
        }
        return table;
    }

    private MarkdownTable details() {
        MarkdownTable table = new MarkdownTable("measurement", "value");
        double register = median(RegistryRun.Result::register);
        table.row("open a fresh embedded registry (not in the time above)", seconds(median(RegistryRun.Result::open)));
        table.row("peak heap during register + commit (-Xmx " + Samples.mib(HeapPeak.max()) + ")",
                Samples.mib(max(RegistryRun.Result::registerHeap)));
        step(table, "re-register identical content", r -> r.identical(), register);
        if (runs.get(0).oneChanged() != null) {
            step(table, "re-register with one file's first 4 KiB changed", r -> r.oneChanged(), register);
        }
        return table;
    }

    private void step(MarkdownTable table, String what, java.util.function.Function<RegistryRun.Result,
            RegistryRun.Step> step, double register) {
        double nanos = median(r -> step.apply(r).nanos());
        table.row(what + ": wall time", seconds(nanos) + " (" + Samples.ratio(nanos / register) + " the first registration)");
        table.row("… bytes added to the artifacts directory", bytes(median(r -> step.apply(r).addedBytes())));
        table.row("… files added to the artifacts directory", String.format(Locale.ROOT, "%.0f",
                median(r -> step.apply(r).addedFiles())));
        if (step.apply(runs.get(0)).io().available()) {
            table.row("… bytes the process passed to write calls (`wchar`, H2 included)",
                    bytes(median(r -> step.apply(r).io().wchar())));
            table.row("… bytes the process dirtied for storage (`write_bytes`, H2 included)",
                    bytes(median(r -> step.apply(r).io().writeBytes())));
        }
        table.row("… peak heap", Samples.mib(max(r -> step.apply(r).heap())));
    }

    private String targets() {
        Samples durable = times.get(References.DURABLE_COPY);
        String register = durable == null ? "not measured (no durable-copy reference)"
                : verdict(times.get(RegistryRun.NAME).median() / durable.median() <= REGISTER_TARGET,
                        Samples.ratio(times.get(RegistryRun.NAME).median() / durable.median()));
        long added = runs.stream().mapToLong(r -> r.identical().addedBytes()).max().orElseThrow();
        long written = runs.stream().mapToLong(r -> r.identical().io().wchar()).max().orElseThrow();
        boolean unmeasured = !runs.get(0).identical().io().available();
        String identical = verdict(added == 0 && (unmeasured || written <= METADATA_WRITES),
                bytes(added) + " added, " + (unmeasured ? "writes not measurable here" : bytes(written) + " written"));
        return "Targets: register ≤ 1.1× durable copy: " + register
                + "; identical re-register writes no content (0 B added, writes ≤ 1 MiB: H2's metadata only): "
                + identical + "; peak heap < 64 MiB: " + verdict(max(RegistryRun.Result::registerHeap) < 64L * 1024 * 1024,
                Samples.mib(max(RegistryRun.Result::registerHeap)));
    }

    private static String verdict(boolean met, String value) {
        return "**" + value + (met ? ", met**" : ", MISSED**");
    }

    private double median(ToLongFunction<RegistryRun.Result> value) {
        Samples samples = new Samples();
        runs.forEach(r -> samples.add(value.applyAsLong(r)));
        return samples.median();
    }

    private long max(ToLongFunction<RegistryRun.Result> value) {
        return runs.stream().mapToLong(value).max().orElseThrow();
    }

    private static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(double bytes) {
        if (Math.abs(bytes) < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        if (Math.abs(bytes) < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return Samples.mib(bytes);
    }
}
