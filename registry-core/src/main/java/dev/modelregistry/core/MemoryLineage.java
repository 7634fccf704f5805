package dev.modelregistry.core;

import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.LineageRecord;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lineage reads of an {@link InMemoryMetadataStore}, by scanning its versions: the reference
 * the SQL backends' indexed answers are checked against. Not thread-safe: guarded by the store's lock.
 */
final class MemoryLineage {

    private final MemoryState state;

    MemoryLineage(MemoryState state) {
        this.state = state;
    }

    Map<VersionRef, String> lineages(Collection<VersionRef> versions) {
        Map<VersionRef, String> found = new LinkedHashMap<>();
        for (VersionRef ref : new HashSet<>(versions)) {
            state.find(ref.model(), ref.version()).map(v -> v.registered.lineage().text())
                    .filter(text -> !text.isEmpty()).ifPresent(text -> found.put(ref, text));
        }
        return found;
    }

    List<LineageNode> datasetUsers(String uriHash, String digest) {
        return state.allVersions()
                .filter(v -> v.registered.lineage().datasets().stream().anyMatch(d -> uriHash != null
                        ? d.uriHash().equals(uriHash) : Objects.equals(d.digest(), digest)))
                .map(this::node).toList();
    }

    List<LineageStep> children(Collection<VersionRef> parents) {
        Set<VersionRef> wanted = Set.copyOf(parents);
        return state.allVersions().flatMap(v -> v.registered.lineage().parents().stream()
                        .filter(p -> wanted.contains(p.parent()))
                        .map(p -> new LineageStep(ref(v), p.parent(), p.relation(), node(v))))
                .toList();
    }

    List<LineageStep> parents(Collection<VersionRef> children) {
        return children.stream().distinct()
                .flatMap(child -> state.find(child.model(), child.version()).stream())
                .flatMap(v -> v.registered.lineage().parents().stream().map(p -> step(v, p)))
                .toList();
    }

    private LineageStep step(MemoryState.VersionState child, LineageRecord.ParentLink link) {
        MemoryState.VersionState parent = state.find(link.parent().model(), link.parent().version()).orElseThrow();
        return new LineageStep(ref(child), link.parent(), link.relation(), node(parent));
    }

    private LineageNode node(MemoryState.VersionState v) {
        Set<String> aliases = state.model(v.registered.model()).orElseThrow().aliases.entrySet().stream()
                .filter(e -> e.getValue() == v.number).map(Map.Entry::getKey).collect(Collectors.toSet());
        return new LineageNode(ref(v), v.stage, aliases);
    }

    private static VersionRef ref(MemoryState.VersionState v) {
        return VersionRef.of(v.registered.model(), v.number);
    }
}
