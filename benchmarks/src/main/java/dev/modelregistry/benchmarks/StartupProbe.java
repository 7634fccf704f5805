package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.nio.file.Path;

/**
 * One cold process of the start-up benchmark: {@code empty} returns at once (the JVM's own cost);
 * {@code registry DIR} opens the embedded registry at DIR, registers a 1-byte version and closes it,
 * then prints on one line the milliseconds of the opening, of the registration and of the closing. {@code registry DIR FILE} registers FILE instead, for a
 * timeline of one registration under {@code strace} (docs/PERFORMANCE.md).
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        if (args[0].equals("empty")) {
            return;
        }
        long t0 = System.nanoTime();
        Registry registry = EmbeddedRegistry.at(Path.of(args[1])).open();
        long t1 = System.nanoTime();
        if (args.length > 2) {
            registry.register("startup").file(Path.of(args[2])).commit();
        } else {
            registry.register("startup").content("model.bin", new byte[] {1}).commit();
        }
        long t2 = System.nanoTime();
        registry.close();
        long t3 = System.nanoTime();
        System.out.println((t1 - t0) / 1_000_000 + " " + (t2 - t1) / 1_000_000 + " " + (t3 - t2) / 1_000_000);
    }
}
