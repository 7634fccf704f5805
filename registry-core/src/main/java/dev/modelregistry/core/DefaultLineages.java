package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.Impact;
import dev.modelregistry.lineage.ImpactQuery;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageDiff;
import dev.modelregistry.lineage.LineageEdge;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Lineages;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.VersionNode;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.VersionRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks recorded lineage breadth first, one store read per level, visiting each version once (so a
 * cycle in a tampered database ends the walk instead of looping), and builds the views over it.
 */
final class DefaultLineages implements Lineages {

    private final DefaultRegistry registry;
    private final MetadataStore metadata;

    DefaultLineages(DefaultRegistry registry, MetadataStore metadata) {
        this.registry = registry;
        this.metadata = metadata;
    }

    @Override
    public Lineage of(VersionRef version) {
        registry.checkOpen();
        registry.requireVersion(version);
        return read(version);
    }

    @Override
    public LineageGraph upstream(VersionRef version, int depth) {
        LineageGraph graph = walk(version, depth, LineageGraph.Direction.UPSTREAM);
        Map<VersionRef, List<Dataset>> datasets = new LinkedHashMap<>();
        List<VersionRef> refs = graph.versions().stream().map(VersionNode::ref).toList();
        metadata.lineages(refs).forEach((ref, text) -> {
            List<Dataset> used = LineageCodec.parse(text).datasets();
            if (!used.isEmpty()) {
                datasets.put(ref, used);
            }
        });
        return new LineageGraph(graph.root(), graph.direction(), graph.versions(), graph.edges(), datasets,
                graph.truncated());
    }

    @Override
    public LineageGraph downstream(VersionRef version, int depth) {
        return walk(version, depth, LineageGraph.Direction.DOWNSTREAM);
    }

    private LineageGraph walk(VersionRef root, int depth, LineageGraph.Direction direction) {
        registry.checkOpen();
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidInputException("lineage depth", Integer.toString(depth), "not between 1 and " + MAX_DEPTH);
        }
        VersionRecord start = registry.requireVersion(root);
        Map<VersionRef, VersionNode> reached = new LinkedHashMap<>();
        reached.put(root, new VersionNode(root, registry.stageNamed(start.stage()), aliasesOf(root)));
        Set<LineageEdge> edges = new LinkedHashSet<>();
        List<VersionRef> frontier = List.of(root);
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            List<VersionRef> next = new ArrayList<>();
            for (LineageStep step : sorted(step(frontier, direction))) {
                if (!readable(step.reached())) {
                    continue;
                }
                edges.add(new LineageEdge(step.child(), step.parent(), Relation.parse(step.relation())));
                if (!reached.containsKey(step.reached().ref())) {
                    reached.put(step.reached().ref(), node(step.reached()));
                    next.add(step.reached().ref());
                }
            }
            frontier = next;
        }
        boolean truncated = !frontier.isEmpty() && !step(frontier, direction).isEmpty();
        return new LineageGraph(root, direction, List.copyOf(reached.values()), List.copyOf(edges), Map.of(),
                truncated);
    }

    private List<LineageStep> step(List<VersionRef> frontier, LineageGraph.Direction direction) {
        return direction == LineageGraph.Direction.UPSTREAM ? metadata.parents(frontier) : metadata.children(frontier);
    }

    @Override
    public List<Impact> impact(ImpactQuery query) {
        registry.checkOpen();
        Map<VersionRef, Impact> found = new LinkedHashMap<>();
        List<VersionRef> frontier = new ArrayList<>();
        Set<VersionRef> visited = new java.util.HashSet<>();
        if (query.derivedFrom().isPresent()) {
            VersionRef root = query.derivedFrom().get();
            registry.requireVersion(root);
            visited.add(root);
            frontier.add(root);
        } else {
            String uriHash = query.datasetUri().map(dev.modelregistry.spi.LineageRecord.DatasetLink::uriHash).orElse(null);
            for (LineageNode user : metadata.datasetUsers(uriHash, query.datasetDigest().orElse(null))) {
                if (readable(user) && visited.add(user.ref())) {
                    found.put(user.ref(), new Impact(node(user), 0, List.of(user.ref())));
                    frontier.add(user.ref());
                }
            }
        }
        for (int level = 1; level <= query.depth() && !frontier.isEmpty(); level++) {
            List<VersionRef> next = new ArrayList<>();
            for (LineageStep step : sorted(metadata.children(frontier))) {
                VersionRef child = step.reached().ref();
                if (readable(step.reached()) && visited.add(child)) {
                    Impact via = found.get(step.parent());
                    List<VersionRef> path = new ArrayList<>(via == null ? List.of(step.parent()) : via.path());
                    path.add(child);
                    found.put(child, new Impact(node(step.reached()), level, path));
                    next.add(child);
                }
            }
            frontier = next;
        }
        return found.values().stream()
                .filter(i -> query.stages().isEmpty() || query.stages().contains(i.version().stage().name()))
                .filter(i -> !query.anyAlias() || !i.version().aliases().isEmpty())
                .filter(i -> query.aliases().isEmpty()
                        || i.version().aliases().stream().anyMatch(query.aliases()::contains))
                .sorted(Comparator.comparingInt(Impact::distance)
                        .thenComparing(i -> i.version().ref().model())
                        .thenComparingInt(i -> i.version().ref().version()))
                .toList();
    }

    /** Walks reach only versions the principal may read: the others are neither shown nor walked through. */
    private boolean readable(LineageNode node) {
        return registry.guard().mayRead(node.ref().model());
    }

    @Override
    public LineageDiff diff(VersionRef left, VersionRef right) {
        registry.checkOpen();
        ModelVersion a = registry.toModelVersion(registry.requireVersion(left));
        ModelVersion b = registry.toModelVersion(registry.requireVersion(right));
        return LineageDiffs.diff(a, read(left), b, read(right));
    }

    @Override
    public String modelCard(VersionRef version) {
        registry.checkOpen();
        ModelVersion v = registry.toModelVersion(registry.requireVersion(version));
        return ModelCards.write(new ModelCards.Facts(v, registry.requireModel(version.model()), read(version),
                aliasesOf(version), registry.evaluations(version), registry.history(version),
                registry.modelChanges(version.model()).stream()
                        .filter(c -> c.field().startsWith("alias:")).toList()));
    }

    @Override
    public String mermaid(LineageGraph graph) {
        return LineagePictures.mermaid(graph);
    }

    @Override
    public String dot(LineageGraph graph) {
        return LineagePictures.dot(graph);
    }

    @Override
    public String digest(Path path) {
        return DatasetDigests.digest(Objects.requireNonNull(path, "path"));
    }

    /**
     * A version's recorded lineage as the principal may see it: without the parents in models it may
     * not read, which the walks leave out too (docs/ACCESS.md).
     */
    private Lineage read(VersionRef version) {
        Lineage recorded = LineageCodec.parse(metadata.lineages(List.of(version)).get(version));
        List<ParentModel> parents = recorded.parents().stream()
                .filter(p -> registry.guard().mayRead(p.version().model())).toList();
        return parents.size() == recorded.parents().size() ? recorded
                : new Lineage(recorded.datasets(), recorded.code(), recorded.run(), parents, recorded.environment());
    }

    private List<String> aliasesOf(VersionRef ref) {
        return metadata.aliases(ref.model()).entrySet().stream().filter(e -> e.getValue() == ref.version())
                .map(Map.Entry::getKey).toList();
    }

    private VersionNode node(LineageNode n) {
        return new VersionNode(n.ref(), registry.stageNamed(n.stage()), n.aliases().stream().sorted().toList());
    }

    /** Steps in a fixed order, so that answers do not depend on the order a database returns rows in. */
    private static List<LineageStep> sorted(List<LineageStep> steps) {
        Comparator<VersionRef> byRef = Comparator.comparing(VersionRef::model).thenComparingInt(VersionRef::version);
        return steps.stream().sorted(Comparator.comparing(LineageStep::child, byRef)
                .thenComparing(LineageStep::parent, byRef)).toList();
    }
}
