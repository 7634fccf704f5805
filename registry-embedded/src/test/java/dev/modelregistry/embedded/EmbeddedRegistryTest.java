package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.RegistryContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** The whole registry contract on the embedded default: a real H2 file database and real files. */
class EmbeddedRegistryTest extends RegistryContract {

    @Override
    protected Registry open(Path dir, Clock clock, String principal) {
        return EmbeddedRegistry.at(dir.resolve("registry")).clock(clock).principal(principal).open();
    }

    @Override
    protected Set<String> storedBlobs() {
        return Blobs.in(dir.resolve("registry"));
    }
}
