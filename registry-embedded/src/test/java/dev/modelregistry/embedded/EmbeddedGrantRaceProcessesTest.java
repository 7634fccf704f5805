package dev.modelregistry.embedded;

/**
 * Grants and revocations racing a worker's writes from other JVMs on one embedded registry
 * directory (H2 in {@code AUTO_SERVER} mode, hosted by the test's own process).
 */
class EmbeddedGrantRaceProcessesTest extends GrantRaceProcessesContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }
}
