package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.spi.LineageRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineageCodecTest {

    private static final Lineage FULL = new Lineage(
            List.of(Dataset.of("s3://data/ünïcode \"quoted\" train.parquet", "AB".repeat(32), DatasetRole.TRAIN)
                            .withRows(0).withDescription("line one\nline two | pipe"),
                    Dataset.of("bigquery:project.dataset.table", DatasetRole.OTHER)),
            Optional.of(new CodeVersion(Optional.empty(), Optional.of("0123456789abcdef0123456789abcdef01234567"),
                    Optional.of(""), Optional.empty(), "git", List.of("whether tracked files changed: no index"))),
            Optional.of(TrainingRun.of("wandb", "run/42")),
            List.of(new ParentModel(VersionRef.of("team/base", 3), Relation.DISTILLED_FROM)),
            Optional.of(new Environment("Vendor", "17.0.1", "Linux 6", "amd64", "0.1.0", Map.of("a:b", "1.0"))));

    @Test
    void aLineageReadsBackEqualToWhatWasWrittenAbsentPartsIncluded() {
        assertThat(LineageCodec.parse(LineageCodec.text(FULL))).isEqualTo(FULL);
        Lineage sparse = new Lineage(List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        assertThat(LineageCodec.toRecord(sparse)).isEqualTo(LineageRecord.NONE);
        assertThat(LineageCodec.parse("")).isEqualTo(Lineage.NONE);
    }

    @Test
    void theStoreIndexesDatasetsByUriHashAndDigestAndParentsByReference() {
        LineageRecord record = LineageCodec.toRecord(FULL);

        assertThat(record.datasets()).extracting(LineageRecord.DatasetLink::digest)
                .containsExactly("sha256:" + "ab".repeat(32), null);
        assertThat(record.datasets().get(0).uriHash()).hasSize(64)
                .isEqualTo(dev.modelregistry.spi.LineageRecord.DatasetLink.uriHash("s3://data/ünïcode \"quoted\" train.parquet"));
        assertThat(record.parents()).containsExactly(
                new LineageRecord.ParentLink(VersionRef.of("team/base", 3), "distilled-from"));
    }
}
