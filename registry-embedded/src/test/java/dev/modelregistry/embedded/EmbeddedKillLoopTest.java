package dev.modelregistry.embedded;

/**
 * The kill loop on the embedded registry: half the kills hit the process hosting the H2 database
 * while the other process writes, which then takes the database over; 20 kills in all.
 */
class EmbeddedKillLoopTest extends KillLoopContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }

    @Override
    protected int rounds() {
        return 10;
    }
}
