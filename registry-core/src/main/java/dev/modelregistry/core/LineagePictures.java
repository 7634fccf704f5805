package dev.modelregistry.core;

import dev.modelregistry.lineage.LineageGraph;

/** Draws lineage graphs as Mermaid and Graphviz DOT text. */
final class LineagePictures {

    private LineagePictures() {
    }

    static String mermaid(LineageGraph graph) {
        throw new UnsupportedOperationException("TODO");
    }

    static String dot(LineageGraph graph) {
        throw new UnsupportedOperationException("TODO");
    }
}
