package dev.modelregistry.embedded;

/**
 * Delivering processes on one embedded registry directory: the first delivering process hosts the
 * H2 database, so killing it also hands the database over to the other processes.
 */
class EmbeddedDeliveryProcessesTest extends DeliveryProcessesContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }
}
