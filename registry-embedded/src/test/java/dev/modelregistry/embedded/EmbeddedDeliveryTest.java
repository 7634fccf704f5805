package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.DeliveryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The delivery suite on the embedded default: an H2 file and a directory, new for each registry. */
class EmbeddedDeliveryTest extends DeliveryContract {

    @TempDir
    Path dir;

    private int opened;

    @Override
    protected Registry open() {
        return EmbeddedRegistry.at(dir.resolve("registry-" + opened++)).principal("carol").open();
    }
}
