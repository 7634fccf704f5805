package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.LineageRecord;
import dev.modelregistry.spi.LineageRecord.DatasetLink;
import dev.modelregistry.spi.LineageRecord.ParentLink;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a store keeps lineage: the text exactly as given, and the dataset and parent links indexed
 * for one-step reads, each answer naming the reached version's current stage and aliases. Run by
 * {@link MetadataStoreContract} as a nested group; {@link #store()} is the store under test.
 */
public abstract class LineageStoreContract {

    private static final String TRAIN = "a".repeat(64);
    private static final String HOLDOUT = "b".repeat(64);
    private static final String DIGEST = "sha256:" + "c".repeat(64);

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    private VersionRef insert(String model, LineageRecord lineage) {
        NewVersion v = new NewVersion(model, "DEVELOPMENT", "", Map.of(), Map.of(), Map.of(),
                List.of(new FileEntry("model.onnx", 1, "0".repeat(64))), "1".repeat(64), "bob", T0, lineage);
        return StoreOps.of(store()).insert(v).ref();
    }

    private static LineageRecord lineage(String text, List<DatasetLink> datasets, ParentLink... parents) {
        return new LineageRecord(text, datasets, List.of(parents));
    }

    private static ParentLink parent(VersionRef ref, String relation) {
        return new ParentLink(ref, relation);
    }

    @Test
    void theLineageTextIsReadBackExactlyAndVersionsWithoutOneAreLeftOut() {
        String text = "{\"datasets\":[{\"uri\":\"s3://data/ünïcode \\\"quoted\\\".parquet\"}],\"x\":\"" + "y".repeat(70_000)
                + "\"}";
        VersionRef with = insert("fraud", lineage(text, List.of()));
        VersionRef without = insert("fraud", LineageRecord.NONE);

        assertThat(store().lineages(List.of(with, without, VersionRef.of("fraud", 99), VersionRef.of("nobody", 1))))
                .isEqualTo(Map.of(with, text));
    }

    @Test
    void datasetUsersAreFoundByUriHashOrByDigestEachVersionOnce() {
        VersionRef a = insert("fraud", lineage("{}", List.of(new DatasetLink(TRAIN, DIGEST, "train"),
                new DatasetLink(TRAIN, DIGEST, "test"))));
        VersionRef b = insert("churn", lineage("{}", List.of(new DatasetLink(HOLDOUT, DIGEST, "validation"))));
        insert("other", lineage("{}", List.of(new DatasetLink(HOLDOUT, null, "train"))));

        assertThat(store().datasetUsers(TRAIN, null)).extracting(LineageNode::ref).containsExactly(a);
        assertThat(store().datasetUsers(null, DIGEST)).extracting(LineageNode::ref).containsExactlyInAnyOrder(a, b);
        assertThat(store().datasetUsers("d".repeat(64), null)).isEmpty();
        assertThat(store().datasetUsers(null, "sha256:" + "e".repeat(64))).isEmpty();
    }

    @Test
    void stepsGoBothWaysAndNameTheReachedVersionsStageAndAliases() {
        VersionRef base = insert("base", LineageRecord.NONE);
        VersionRef tuned = insert("tuned", lineage("{}", List.of(), parent(base, "fine-tuned-from")));
        VersionRef ensemble = insert("ensemble", lineage("{}", List.of(), parent(tuned, "ensemble-member-of"),
                parent(base, "ensemble-member-of")));
        alias("base", "champion", 1);
        alias("base", "stable", 1);
        StoreOps.of(store()).transition(MetadataStoreFixtures.move("tuned", 1, "DEVELOPMENT", "STAGING"));

        List<LineageStep> children = store().children(List.of(base));
        assertThat(children).extracting(LineageStep::child).containsExactlyInAnyOrder(tuned, ensemble);
        LineageStep toTuned = children.stream().filter(s -> s.child().equals(tuned)).findFirst().orElseThrow();
        assertThat(toTuned.parent()).isEqualTo(base);
        assertThat(toTuned.relation()).isEqualTo("fine-tuned-from");
        assertThat(toTuned.reached()).isEqualTo(new LineageNode(tuned, "STAGING", Set.of()));

        List<LineageStep> parents = store().parents(List.of(ensemble));
        assertThat(parents).extracting(LineageStep::parent).containsExactlyInAnyOrder(tuned, base);
        LineageStep toBase = parents.stream().filter(s -> s.parent().equals(base)).findFirst().orElseThrow();
        assertThat(toBase.reached()).isEqualTo(new LineageNode(base, "DEVELOPMENT", Set.of("champion", "stable")));
        assertThat(toBase.relation()).isEqualTo("ensemble-member-of");

        assertThat(store().parents(List.of(base))).isEmpty();
        assertThat(store().children(List.of(ensemble, VersionRef.of("nobody", 3)))).isEmpty();
    }

    @Test
    void aStepFromMoreVersionsThanOneStatementTakesFindsThemAll() {
        VersionRef base = insert("base", LineageRecord.NONE);
        List<VersionRef> tunes = new ArrayList<>();
        IntStream.range(0, 600).forEach(i -> tunes.add(insert("tuned",
                lineage("{}", List.of(new DatasetLink(TRAIN, null, "train")), parent(base, "fine-tuned-from")))));
        List<VersionRef> grandchildren = new ArrayList<>();
        for (int i = 0; i < tunes.size(); i += 50) {
            grandchildren.add(insert("distilled", lineage("{}", List.of(), parent(tunes.get(i), "distilled-from"))));
        }

        assertThat(store().children(tunes)).extracting(LineageStep::child).containsExactlyInAnyOrderElementsOf(grandchildren);
        assertThat(store().parents(tunes)).hasSize(tunes.size()).allMatch(s -> s.parent().equals(base));
        assertThat(store().datasetUsers(TRAIN, null)).hasSize(tunes.size());
        assertThat(store().lineages(tunes)).hasSize(tunes.size());
    }

    private void alias(String model, String alias, int version) {
        store().apply(StoreOps.changeSet("carol", T0, List.of(new Precondition.AliasIs(model, alias, null)),
                List.of(new Mutation.SetAlias(model, alias, null, version)),
                List.of(StoreOps.entry("alias.set", dev.modelregistry.spi.Target.model(model)))));
    }
}
