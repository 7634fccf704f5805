package dev.modelregistry.embedded;

import java.time.Duration;

/**
 * Delivering processes on one embedded registry directory: the first delivering process hosts the
 * H2 database, so killing it also hands the database over to the other processes.
 */
class EmbeddedDeliveryProcessesTest extends DeliveryProcessesContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }

    /** H2's file lock hands a killed host's database over after 4 s and more (docs/DESIGN-NOTES.md). */
    @Override
    protected Duration databaseTakeover() {
        return Duration.ofSeconds(10);
    }
}
