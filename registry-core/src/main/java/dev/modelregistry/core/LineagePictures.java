package dev.modelregistry.core;

import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.LineageEdge;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.VersionNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Draws lineage graphs as Mermaid and Graphviz DOT text, parents above the versions derived from
 * them (layout in docs/LINEAGE.md). Node ids are generated ({@code v0}, {@code d0}), never taken
 * from recorded text, and every label is escaped, so no recorded text can change the picture's
 * structure.
 */
final class LineagePictures {

    /** The label of the node added when the depth limit stopped the walk. */
    static final String TRUNCATED = "The walk stopped at the depth limit: more versions lie beyond it.";

    private LineagePictures() {
    }

    /** The graph as a Mermaid {@code flowchart TD}; the root has the class {@code root}. */
    static String mermaid(LineageGraph graph) {
        Picture picture = Picture.of(graph);
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (Node node : picture.nodes()) {
            String label = node.lines().stream().map(LineagePictures::mermaidText).collect(Collectors.joining("<br>"));
            out.append("    ").append(node.id()).append(node.dataset() ? "[(\"" : "[\"").append(label)
                    .append(node.dataset() ? "\")]" : "\"]").append('\n');
        }
        if (graph.truncated()) {
            out.append("    more[\"").append(mermaidText(TRUNCATED)).append("\"]\n");
        }
        for (Edge edge : picture.edges()) {
            out.append("    ").append(edge.from()).append(edge.dataset() ? " -.->|" : " -->|").append(edge.label())
                    .append("| ").append(edge.to()).append('\n');
        }
        out.append("    classDef root stroke-width:3px\n").append("    class ").append(picture.root()).append(" root\n");
        if (graph.truncated()) {
            out.append("    classDef note stroke-dasharray:5 5\n").append("    class more note\n");
        }
        return out.toString();
    }

    /** The graph as a Graphviz {@code digraph lineage}; the root is drawn with {@code penwidth=2}. */
    static String dot(LineageGraph graph) {
        Picture picture = Picture.of(graph);
        StringBuilder out = new StringBuilder("digraph lineage {\n    rankdir=TB;\n    node [shape=box];\n");
        for (Node node : picture.nodes()) {
            String label = node.lines().stream().map(LineagePictures::dotText).collect(Collectors.joining("\\n"));
            out.append("    ").append(node.id()).append(" [label=\"").append(label).append('"')
                    .append(node.dataset() ? ", shape=cylinder" : "")
                    .append(node.id().equals(picture.root()) ? ", penwidth=2" : "").append("];\n");
        }
        if (graph.truncated()) {
            out.append("    more [label=\"").append(dotText(TRUNCATED)).append("\", shape=note, style=dashed];\n");
        }
        for (Edge edge : picture.edges()) {
            out.append("    ").append(edge.from()).append(" -> ").append(edge.to()).append(" [label=\"")
                    .append(edge.label()).append('"').append(edge.dataset() ? ", style=dashed" : "").append("];\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Text for a double-quoted Mermaid label: ASCII letters, digits, space and {@code .-_/:@,+=} as
     * they are, line breaks as {@code <br>}, other ASCII and invisible characters as entity codes
     * ({@code #quot;}, {@code #lt;}, {@code #35;}), other characters as they are.
     */
    static String mermaidText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || " .-_/:@,+=".indexOf(c) >= 0)) {
                out.append(c);
            } else if (c == '\r' || c == '\n') {
                out.append("<br>");
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 1 : 0;
            } else if (c < 128 || Character.isISOControl(c) || Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT) {
                out.append(switch (c) {
                    case '"' -> "#quot;";
                    case '<' -> "#lt;";
                    case '>' -> "#gt;";
                    case '&' -> "#amp;";
                    default -> "#" + (int) c + ";";
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text for a double-quoted DOT label: {@code \} and {@code "} escaped with a backslash, {@code &}
     * as {@code &amp;} (Graphviz reads entities in labels), line breaks as {@code \n}, other control
     * characters dropped.
     */
    static String dotText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '&' -> out.append("&amp;");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    out.append("\\n");
                    i += i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 1 : 0;
                }
                default -> {
                    if (!Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A node: its generated id and its label, one entry per line, not yet escaped. */
    private record Node(String id, List<String> lines, boolean dataset) {
    }

    /** An edge from parent (or dataset) to child; its label is a relation or role text, safe as it is. */
    private record Edge(String from, String to, String label, boolean dataset) {
    }

    /** What both formats draw: nodes in a fixed order, each once, and the edges between them. */
    private record Picture(List<Node> nodes, List<Edge> edges, String root) {

        static Picture of(LineageGraph graph) {
            Map<VersionRef, Node> versions = new LinkedHashMap<>();
            for (VersionNode v : graph.versions()) {
                versions.computeIfAbsent(v.ref(), ref -> new Node("v" + versions.size(), label(v), false));
            }
            Function<VersionRef, String> id = ref -> versions.computeIfAbsent(ref,
                    r -> new Node("v" + versions.size(), List.of(r.toString()), false)).id();
            String root = id.apply(graph.root());
            List<Edge> edges = new ArrayList<>();
            for (LineageEdge e : graph.edges()) {
                edges.add(new Edge(id.apply(e.parent()), id.apply(e.child()), e.relation().text(), false));
            }
            Map<String, Node> datasets = new LinkedHashMap<>();
            for (VersionNode v : graph.versions()) {
                for (Dataset d : graph.datasets().getOrDefault(v.ref(), List.of())) {
                    Node node = datasets.computeIfAbsent(d.uri(),
                            uri -> new Node("d" + datasets.size(), List.of(uri), true));
                    edges.add(new Edge(node.id(), id.apply(v.ref()), d.role().text(), true));
                }
            }
            List<Node> nodes = new ArrayList<>(versions.values());
            nodes.addAll(datasets.values());
            return new Picture(nodes, edges, root);
        }

        /** {@code model vN}, then the stage and the aliases: {@code PRODUCTION · @champion @stable}. */
        private static List<String> label(VersionNode v) {
            String aliases = v.aliases().stream().map(a -> "@" + a).collect(Collectors.joining(" "));
            return List.of(v.ref().toString(), v.stage().name() + (aliases.isEmpty() ? "" : " · " + aliases));
        }
    }
}
