package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line tools the registry is compared with. Each is skipped, with the reason shown in
 * the report, when it is not installed.
 */
final class References {

    static final String DURABLE_COPY = "cp + sync (durable copy)";

    private References() {
    }

    /** The references among {@code tools} (short names: durable, cp, sha256sum, mvn, git). */
    static List<Reference> of(List<String> tools, Path scratch) throws IOException {
        List<Reference> refs = new ArrayList<>();
        for (Reference r : all(tools.contains("mvn") ? scratch : null)) {
            if (tools.contains(id(r.name()))) {
                refs.add(r);
            }
        }
        return refs;
    }

    private static String id(String name) {
        return name.equals(DURABLE_COPY) ? "durable" : name.equals(MavenInstall.NAME) ? "mvn" : name.split(" ")[0];
    }

    /** Every reference; the Maven one is probed only if {@code scratch} is given. */
    private static List<Reference> all(Path scratch) throws IOException {
        List<Reference> refs = new ArrayList<>();
        boolean cp = Processes.which("cp").isPresent();
        boolean sync = Processes.which("sync").isPresent();
        refs.add(cp && sync
                ? Reference.available(DURABLE_COPY, "copy, then `sync FILE…` forces each copied file and the"
                        + " target directory to disk: what the registry's fsyncs promise", References::durableCopy)
                : Reference.missing(DURABLE_COPY, "copy and fsync", "`cp` or `sync` is not installed"));
        refs.add(cp
                ? Reference.available("cp", "copy into the page cache, nothing forced to disk",
                        (data, out) -> Processes.run(copyCommand(data, out), out))
                : Reference.missing("cp", "plain copy", "`cp` is not installed"));
        refs.add(Processes.which("sha256sum").isPresent()
                ? Reference.available("sha256sum", "read and hash (coreutils), nothing written",
                        (data, out) -> Processes.run(withFiles(List.of("sha256sum", "--"), data), out))
                : Reference.missing("sha256sum", "read and hash", "`sha256sum` is not installed"));
        refs.add(scratch == null ? Reference.missing(MavenInstall.NAME, "", "not selected") : MavenInstall.reference(scratch));
        refs.add(Processes.which("git").isPresent()
                ? Reference.available("git hash-object -w", "hash and store zlib-compressed loose objects in a"
                        + " throw-away repository (git's default: no fsync)", References::gitHashObject)
                : Reference.missing("git hash-object -w", "hash and store", "`git` is not installed"));
        return refs;
    }

    private static long durableCopy(Dataset data, Path out) throws IOException {
        List<String> sync = new ArrayList<>(List.of("sync", "--"));
        for (Path file : data.files()) {
            sync.add(copyOf(data, file, out).toString());
        }
        sync.add(out.toString());
        if (data.isDirectory()) {
            sync.add(target(data, out).toString());
        }
        return Processes.run(copyCommand(data, out), out) + Processes.run(sync, out);
    }

    private static long gitHashObject(Dataset data, Path out) throws IOException {
        Processes.run(List.of("git", "init", "-q", "repo"), out);
        return Processes.run(withFiles(List.of("git", "-C", out.resolve("repo").toString(), "hash-object", "-w", "--"),
                data), out);
    }

    private static List<String> copyCommand(Dataset data, Path out) {
        return data.isDirectory()
                ? List.of("cp", "-r", "--", data.root().toString(), target(data, out).toString())
                : List.of("cp", "--", data.root().toString(), target(data, out).toString());
    }

    private static Path target(Dataset data, Path out) {
        return out.resolve("copy-of-" + data.root().getFileName());
    }

    private static Path copyOf(Dataset data, Path file, Path out) {
        return data.isDirectory() ? target(data, out).resolve(data.root().relativize(file)) : target(data, out);
    }

    static List<String> withFiles(List<String> command, Dataset data) {
        List<String> all = new ArrayList<>(command);
        data.files().forEach(f -> all.add(f.toString()));
        return all;
    }
}
