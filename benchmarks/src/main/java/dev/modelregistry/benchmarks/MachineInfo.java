package dev.modelregistry.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a report was measured on, as far as the JVM and {@code /proc} tell. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe(Path workDir) {
        StringBuilder out = new StringBuilder();
        out.append("- CPU: ").append(procLine("/proc/cpuinfo", "model name").orElse("unknown")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores available\n");
        out.append("- RAM: ").append(procLine("/proc/meminfo", "MemTotal").orElse("unknown")).append('\n');
        out.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append('\n');
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", -Xmx ")
                .append(Samples.mib(HeapPeak.max())).append(", GC: ")
                .append(ManagementFactory.getGarbageCollectorMXBeans().get(0).getName())
                .append(", UseSHA=").append(vmOption("UseSHA")).append('\n');
        out.append("- work directory: `").append(workDir).append("` on ").append(filesystem(workDir)).append('\n');
        return out.toString();
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The second line of {@code df -T} for the directory: device, type, size, used, available. */
    private static String filesystem(Path dir) {
        try {
            Process df = new ProcessBuilder(List.of("df", "-T", dir.toString())).redirectErrorStream(true).start();
            List<String> lines = new String(df.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            df.waitFor();
            return lines.size() > 1 ? "`" + lines.get(1).replaceAll("\\s+", " ") + "` (df -T)" : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
