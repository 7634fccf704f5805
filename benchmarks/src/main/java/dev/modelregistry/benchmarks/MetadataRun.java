package dev.modelregistry.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Loading one database at one scale: create the schema by opening a store, bulk-load the catalog,
 * then bring the planner's statistics up to date. The timed operations run afterwards, side by side
 * on every loaded database (see {@link MetadataBenchmark}).
 */
final class MetadataRun {

    /**
     * How a database was loaded.
     *
     * @param rows         rows the loader inserted over all tables
     * @param loadNanos    wall time of the bulk load
     * @param analyzeNanos wall time of bringing the statistics up to date afterwards
     * @param sizeBytes    size of the loaded database
     * @param settings     the database settings that matter for the figures
     * @param loadAverage  the machine's 1-minute load average before and after loading
     */
    record Load(long rows, long loadNanos, long analyzeNanos, long sizeBytes, String settings, String loadAverage) {
    }

    /**
     * What one database measured at one scale.
     *
     * @param database the database's report name
     * @param versions versions loaded
     * @param models   models loaded
     * @param load     how it was loaded
     * @param ops      the timed operations
     * @param bestRoundMedians the lowest median of one round of each operation
     */
    record Result(String database, long versions, int models, Load load, Map<MetadataOps.Op, Latencies> ops,
                  Map<MetadataOps.Op, Long> bestRoundMedians) {
    }

    private MetadataRun() {
    }

    static Load load(TargetDatabase target, SyntheticCatalog catalog, int threads) throws SQLException {
        return load(target, catalog, threads, null);
    }

    /** Loads the catalog and, unless null, stores {@code grants} too. */
    static Load load(TargetDatabase target, SyntheticCatalog catalog, int threads, SyntheticGrants grants)
            throws SQLException {
        String before = MachineLoad.oneMinute();
        String name = target.name() + " " + MetadataOptions.human(catalog.totalVersions());
        Progress.note(name + ": creating the schema");
        target.openStore().close();

        Progress.note(name + ": bulk-loading " + catalog.models() + " models x " + catalog.versionsPerModel()
                + " versions on " + threads + " connections");
        BulkLoader loader = new BulkLoader(catalog);
        long start = System.nanoTime();
        loader.load(target::connectForLoading, threads);
        long loadNanos = System.nanoTime() - start;
        long analyzeNanos;
        String settings;
        try (Connection c = target.connectForLoading()) {
            if (grants != null) {
                Progress.note(name + ": storing " + grants.grants().size() + " grants");
                grants.insert(c);
            }
            Progress.note(name + ": updating statistics");
            start = System.nanoTime();
            target.analyze(c);
            analyzeNanos = System.nanoTime() - start;
            settings = target.settings(c);
        }
        long size = target.sizeBytes();
        Progress.note(String.format(Locale.ROOT, "%s: loaded %d rows in %.1f s, %s on disk", name, loader.rows(),
                loadNanos / 1e9, Samples.mib(size)));
        return new Load(loader.rows(), loadNanos, analyzeNanos, size, settings,
                before + " → " + MachineLoad.oneMinute());
    }
}
