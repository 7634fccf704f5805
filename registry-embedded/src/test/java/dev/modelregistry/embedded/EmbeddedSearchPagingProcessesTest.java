package dev.modelregistry.embedded;

/**
 * Search paging while other JVMs write to the same embedded registry directory (H2 in
 * {@code AUTO_SERVER} mode, hosted by whichever process opened it first).
 */
class EmbeddedSearchPagingProcessesTest extends SearchPagingProcessesContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }
}
