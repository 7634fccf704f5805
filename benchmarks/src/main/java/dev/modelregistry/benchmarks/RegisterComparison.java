package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry and the reference tools storing the same data set, each repetition in a rotated
 * order (so no tool always runs first or last), from a warm page cache and with nothing dirty left
 * by the previous run. Reports median wall times as ratios to the durable copy.
 */
final class RegisterComparison {

    private final String title;
    private final Dataset data;
    private final List<Reference> all;
    private final List<Reference> references;
    private final Workspace workspace;
    private final int reps;
    private final Map<String, Samples> times = new LinkedHashMap<>();
    private final List<RegistryRun.Result> runs = new ArrayList<>();

    RegisterComparison(String title, Dataset data, List<Reference> references, Workspace workspace, int reps) {
        this.title = title;
        this.data = data;
        this.all = List.copyOf(references);
        this.references = references.stream().filter(r -> r.unavailable().isEmpty()).toList();
        this.workspace = workspace;
        this.reps = reps;
    }

    /** Runs everything and returns the report section. */
    String run() throws IOException {
        List<String> subjects = new ArrayList<>();
        subjects.add(RegistryRun.NAME);
        references.forEach(r -> subjects.add(r.name()));
        subjects.forEach(s -> times.put(s, new Samples()));
        String loadBefore = MachineLoad.oneMinute();
        PageCache.warm(data.files());
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < subjects.size(); i++) {
                String subject = subjects.get((i + rep) % subjects.size());
                Path out = workspace.fresh("out");
                PageCache.settle(out);
                long nanos = runOnce(subject, out);
                times.get(subject).add(nanos);
                Workspace.delete(out);
                Progress.note(String.format(Locale.ROOT, "%s, rep %d/%d: %s %.2f s", title, rep + 1, reps, subject,
                        nanos / 1e9));
            }
        }
        PageCache.settle(workspace.root());
        return new RegisterReport(title, data, times, runs, all).toString() + hashingAlone()
                + "Machine load (1-minute average, " + Runtime.getRuntime().availableProcessors() + " cores) during this case: "
                + loadBefore + " → " + MachineLoad.oneMinute() + ".\n\n";
    }

    /** The time SHA-256 alone needs for the data set: with the durable copy, the floor of a registration. */
    private String hashingAlone() {
        double seconds = data.bytes() / HashSpeed.oneCore();
        Samples durable = times.get(References.DURABLE_COPY);
        String ratio = durable == null || durable.isEmpty() ? ""
                : String.format(Locale.ROOT, ", %.2f× the durable copy's median", seconds / (durable.median() / 1e9));
        return String.format(Locale.ROOT, "Hashing alone: the JDK's SHA-256 on one core (in memory, this run) needs "
                + "%.2f s for these bytes%s. The registry hashes on a thread of its own alongside the copy and the "
                + "fsync, so the larger of the two is its floor.%n%n", seconds, ratio);
    }

    private long runOnce(String subject, Path out) throws IOException {
        if (subject.equals(RegistryRun.NAME)) {
            RegistryRun.Result result = RegistryRun.run(data, out);
            runs.add(result);
            return result.register();
        }
        Reference reference = references.stream().filter(r -> r.name().equals(subject)).findFirst().orElseThrow();
        return reference.runner().run(data, out);
    }
}
