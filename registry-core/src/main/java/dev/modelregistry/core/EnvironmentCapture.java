package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.lineage.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The environment a version is registered with: the JVM, the OS, this library's version and the
 * versions of the libraries a registration names. Library versions are read once per class or
 * coordinates and cached; nothing here fails a registration: what cannot be read is {@code unknown}.
 */
final class EnvironmentCapture {

    static final String UNKNOWN = "unknown";

    private static final Pattern COORDINATES = Pattern.compile("[A-Za-z0-9_.-]{1,128}:[A-Za-z0-9_.-]{1,128}");
    private static final String REGISTRY_VERSION = registryVersion();
    private static final Map<String, Library> BY_CLASS = new ConcurrentHashMap<>();
    private static final Map<String, String> BY_COORDINATES = new ConcurrentHashMap<>();

    private EnvironmentCapture() {
    }

    /** A named library and its version. */
    record Library(String name, String version) {
    }

    /** The environment of this JVM, with these libraries. */
    static Environment capture(Map<String, String> libraries) {
        return new Environment(System.getProperty("java.vm.vendor", UNKNOWN),
                System.getProperty("java.runtime.version", System.getProperty("java.version", UNKNOWN)),
                System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", ""),
                System.getProperty("os.arch", UNKNOWN), REGISTRY_VERSION, new TreeMap<>(libraries));
    }

    /**
     * The library {@code type} belongs to: named by its Maven coordinates where its jar has Maven
     * metadata, else by its manifest's title, else by its package; versioned by the same sources.
     */
    static Library of(Class<?> type) {
        return BY_CLASS.computeIfAbsent(type.getName(), n -> read(type));
    }

    /** The version of the library with these Maven coordinates on the class path, or {@code unknown}. */
    static String version(String coordinates) {
        if (coordinates == null || !COORDINATES.matcher(coordinates).matches()) {
            throw new InvalidInputException("library coordinates", String.valueOf(coordinates),
                    "not groupId:artifactId");
        }
        return BY_COORDINATES.computeIfAbsent(coordinates, c -> {
            String[] parts = c.split(":");
            String resource = "META-INF/maven/" + parts[0] + "/" + parts[1] + "/pom.properties";
            return Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .map(loader -> loader.getResource(resource))
                    .or(() -> Optional.ofNullable(ClassLoader.getSystemResource(resource)))
                    .flatMap(EnvironmentCapture::properties)
                    .map(p -> p.getProperty("version"))
                    .orElse(UNKNOWN);
        });
    }

    private static Library read(Class<?> type) {
        String fallbackName = type.getPackageName().isEmpty() ? type.getName() : type.getPackageName();
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !source.getLocation().getPath().endsWith(".jar")) {
            String version = Optional.ofNullable(type.getPackage()).map(Package::getImplementationVersion)
                    .orElse(UNKNOWN);
            return new Library(fallbackName, version);
        }
        try (JarFile jar = new JarFile(new java.io.File(source.getLocation().toURI()))) {
            var poms = jar.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).toList();
            if (poms.size() == 1) {
                Properties p = new Properties();
                try (InputStream in = jar.getInputStream(poms.get(0))) {
                    p.load(in);
                }
                if (p.getProperty("groupId") != null && p.getProperty("artifactId") != null) {
                    return new Library(p.getProperty("groupId") + ":" + p.getProperty("artifactId"),
                            p.getProperty("version", UNKNOWN));
                }
            }
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                var main = manifest.getMainAttributes();
                String name = first(main.getValue("Implementation-Title"), main.getValue("Bundle-SymbolicName"),
                        main.getValue("Automatic-Module-Name"), fallbackName);
                String version = first(main.getValue("Implementation-Version"), main.getValue("Bundle-Version"),
                        UNKNOWN, UNKNOWN);
                return new Library(name.split(";")[0].trim(), version);
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // An unreadable jar is recorded as unknown: capture never fails a registration.
        }
        return new Library(fallbackName, UNKNOWN);
    }

    private static String first(String a, String b, String c, String d) {
        return a != null ? a : b != null ? b : c != null ? c : d;
    }

    private static Optional<Properties> properties(URL url) {
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String registryVersion() {
        return Optional.ofNullable(EnvironmentCapture.class.getResource("registry.properties"))
                .flatMap(EnvironmentCapture::properties)
                .map(p -> p.getProperty("version"))
                .filter(v -> !v.startsWith("$"))
                .orElse(UNKNOWN);
    }
}
