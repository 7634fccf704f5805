package dev.modelregistry.core;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageDiff;

/** Compares two versions for reproducibility. */
final class LineageDiffs {

    private LineageDiffs() {
    }

    static LineageDiff diff(ModelVersion left, Lineage leftLineage, ModelVersion right, Lineage rightLineage) {
        throw new UnsupportedOperationException("TODO");
    }
}
