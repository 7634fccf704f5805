package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average, to show how busy a shared machine was while it measured. */
final class MachineLoad {

    private MachineLoad() {
    }

    static String oneMinute() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
