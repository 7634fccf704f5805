package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.Capability;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.VersionRecord;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What a store that declares {@link Capability#DURABLE} or {@link Capability#SHARED_BETWEEN_PROCESSES}
 * must do with a second store on the same data; skipped, with a message, for a store that does not
 * declare the capability. Run by {@link MetadataStoreContract} as a nested group.
 */
public abstract class SharingContract {

    /** The store under test. */
    protected abstract MetadataStore store();

    /** A new store on the same data as {@link #store()}; the contract closes it. */
    protected abstract MetadataStore openAgain();

    private void assumeCapability(Capability capability) {
        assumeTrue(store().capabilities().contains(capability), () -> store() + " does not declare " + capability
                + ", so the tests of it are skipped");
    }

    private static void assertChainFrom1(List<JournalEntry> entries, long expected) {
        assertThat(entries).extracting(JournalEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().collect(Collectors.toList()));
        String previous = JournalHashes.GENESIS;
        for (JournalEntry e : entries) {
            assertThat(e.previousHash()).as("entry %d", e.sequence()).isEqualTo(previous);
            previous = e.hash();
        }
    }

    @Test
    void aStoreOpenedAgainSeesEveryChangeAndContinuesTheJournal() {
        assumeCapability(Capability.DURABLE);
        VersionRecord v1 = StoreOps.of(store()).insert(newVersion("fraud"));
        store().close();

        try (MetadataStore again = openAgain()) {
            assertThat(again.version("fraud", 1)).contains(v1);
            VersionRecord v2 = StoreOps.of(again).insert(newVersion("fraud"));

            assertThat(v2.version()).isEqualTo(2);
            assertChainFrom1(again.journal(0, 100), 3);
            assertThat(again.journalHead().sequence()).isEqualTo(3);
        }
    }

    @Test
    void twoStoresOnTheSameDataWriteOneGaplessJournal() throws InterruptedException {
        assumeCapability(Capability.SHARED_BETWEEN_PROCESSES);
        try (MetadataStore other = openAgain()) {
            concurrently(4, t -> () -> {
                StoreOps ops = StoreOps.of(t % 2 == 0 ? store() : other);
                for (int i = 0; i < 5; i++) {
                    ops.insert(newVersion("model-" + (t % 2)));
                }
                return null;
            });

            assertChainFrom1(other.journal(0, 100), 22);
            assertThat(store().journal(0, 100)).isEqualTo(other.journal(0, 100));
            assertThat(store().versions("model-0")).hasSize(10);
        }
    }
}
