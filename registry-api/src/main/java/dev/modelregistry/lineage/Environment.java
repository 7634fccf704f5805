package dev.modelregistry.lineage;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The software a version was registered with, captured automatically at registration.
 *
 * @param jvmVendor       {@code java.vm.vendor}
 * @param jvmVersion      {@code java.runtime.version} (or {@code java.version})
 * @param os              {@code os.name} and {@code os.version}
 * @param architecture    {@code os.arch}
 * @param registryVersion this library's version
 * @param libraries       the libraries the registration named, each with its version as read from
 *                        its jar's manifest or Maven metadata ({@code unknown} where neither says),
 *                        in name order
 */
public record Environment(String jvmVendor, String jvmVersion, String os, String architecture,
                          String registryVersion, Map<String, String> libraries) {

    /** Most libraries one registration may name. */
    public static final int LIBRARIES = 64;

    public Environment {
        Objects.requireNonNull(jvmVendor, "jvmVendor");
        Objects.requireNonNull(jvmVersion, "jvmVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(registryVersion, "registryVersion");
        libraries = java.util.Collections.unmodifiableMap(new TreeMap<>(libraries));
    }
}
