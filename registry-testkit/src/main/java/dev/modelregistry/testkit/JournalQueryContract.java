package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.DEVELOPMENT;
import static dev.modelregistry.testkit.MetadataStoreFixtures.STAGING;
import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.describe;
import static dev.modelregistry.testkit.MetadataStoreFixtures.move;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a store answers an audit query ({@link MetadataStore#journal(JournalQuery)}): exactly the
 * entries {@link JournalQuery#matches} selects, after the cursor, in sequence order, up to the
 * limit, as the in-memory reference does. Run by {@link MetadataStoreContract} as a nested group on
 * a journal of three principals, three models and times that do not follow the sequence.
 */
public abstract class JournalQueryContract {

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    @BeforeEach
    void writeAJournal() {
        StoreOps ops = new StoreOps(store());
        ops.insert(newVersion("fraud", DEVELOPMENT, "alice", at(10)));   // 1 model.created, 2 fraud@1
        ops.insert(newVersion("fraud", DEVELOPMENT, "bob", at(20)));     // 3 fraud@2
        ops.insert(newVersion("fraudster", DEVELOPMENT, "bob", at(30))); // 4 model.created, 5 fraudster@1
        ops.transition(move("fraud", 1, DEVELOPMENT, STAGING));           // 6 fraud@1 by carol at 60
        ops.update(describe("fraud", 2, "better"));                      // 7 fraud@2 by dave at 120
        ops.insert(newVersion("fraud", DEVELOPMENT, "alice", at(40)));   // 8 fraud@3
        ops.update(describe("fraudster", 1, "odd"));                     // 9 fraudster@1 by dave at 120
        ops.insert(newVersion("churn", DEVELOPMENT, "carol", at(50)));   // 10 model.created, 11 churn@1
        ops.update(describe("fraud", 1, "first"));                       // 12 fraud@1 by dave at 120
    }

    private List<JournalEntry> all() {
        return store().journal(0, 100_000);
    }

    /** What the reference selects: the matching entries after the cursor, up to the limit. */
    private List<JournalEntry> reference(JournalQuery q) {
        return all().stream().filter(e -> e.sequence() > q.after()).filter(q::matches).limit(q.limit()).toList();
    }

    private List<Long> sequences(JournalQuery q) {
        List<JournalEntry> got = store().journal(q);
        assertThat(got).as("%s", q).isEqualTo(reference(q));
        return got.stream().map(JournalEntry::sequence).toList();
    }

    @Test
    void withoutConditionsEveryEntryIsSelectedInSequenceOrder() {
        assertThat(sequences(JournalQuery.all())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void aModelSelectsItsOwnEntriesAndThoseOfItsVersionsButNotOfALongerName() {
        assertThat(sequences(JournalQuery.all().withModel("fraud"))).containsExactly(1L, 2L, 3L, 6L, 7L, 8L, 12L);
        assertThat(sequences(JournalQuery.all().withModel("fraudster"))).containsExactly(4L, 5L, 9L);
        assertThat(sequences(JournalQuery.all().withModel("fraud%"))).isEmpty();
    }

    @Test
    void aVersionSelectsOnlyTheEntriesAboutThatVersion() {
        assertThat(sequences(JournalQuery.all().withVersion("fraud", 1))).containsExactly(2L, 6L, 12L);
        assertThat(sequences(JournalQuery.all().withVersion("fraud", 2))).containsExactly(3L, 7L);
        assertThat(sequences(JournalQuery.all().withVersion("churn", 2))).isEmpty();
    }

    @Test
    void aPrincipalSelectsWhatThatPrincipalDid() {
        assertThat(sequences(JournalQuery.all().withPrincipal("alice"))).containsExactly(1L, 2L, 8L);
        assertThat(sequences(JournalQuery.all().withPrincipal("dave"))).containsExactly(7L, 9L, 12L);
        assertThat(sequences(JournalQuery.all().withPrincipal("Alice"))).isEmpty();
    }

    @Test
    void anOperationSetSelectsEntriesWithAnyOfItsOperations() {
        assertThat(sequences(JournalQuery.all().withOperations(Operations.MODEL_CREATED))).containsExactly(1L, 4L, 10L);
        assertThat(sequences(JournalQuery.all().withOperations(Operations.MODEL_CREATED,
                Operations.VERSION_STAGE_CHANGED))).containsExactly(1L, 4L, 6L, 10L);
        assertThat(sequences(JournalQuery.all().withOperations(Operations.ACCESS_DENIED))).isEmpty();
    }

    @Test
    void aTimeRangeIncludesItsStartExcludesItsEndAndNeedNotFollowTheSequence() {
        assertThat(sequences(JournalQuery.all().between(at(20), at(60)))).containsExactly(3L, 4L, 5L, 8L, 10L, 11L);
        assertThat(sequences(JournalQuery.all().between(at(40), at(121)))).containsExactly(6L, 7L, 8L, 9L, 10L, 11L,
                12L);
        assertThat(sequences(JournalQuery.all().between(at(200), at(300)))).isEmpty();
    }

    @Test
    void boundsBetweenMillisecondsCompareAsInstants() {
        assertThat(sequences(JournalQuery.all().between(at(20).plusNanos(1), at(60).plusNanos(1))))
                .containsExactly(4L, 5L, 6L, 8L, 10L, 11L);
        assertThat(sequences(JournalQuery.all().between(at(20).minusNanos(1), at(20).plusNanos(1))))
                .containsExactly(3L);
    }

    @Test
    void conditionsCombineAndEveryOneMustHold() {
        assertThat(sequences(JournalQuery.all().withModel("fraud").withPrincipal("dave"))).containsExactly(7L, 12L);
        assertThat(sequences(JournalQuery.all().withVersion("fraud", 1).withOperations(Operations.VERSION_UPDATED,
                Operations.VERSION_STAGE_CHANGED).withPrincipal("dave"))).containsExactly(12L);
        assertThat(sequences(JournalQuery.all().withPrincipal("bob").withOperations(Operations.VERSION_REGISTERED)
                .between(at(25), at(35)))).containsExactly(5L);
        assertThat(sequences(JournalQuery.all().withModel("churn").withPrincipal("alice"))).isEmpty();
    }

    @Test
    void theCursorAndTheLimitCutTheSelection() {
        assertThat(sequences(JournalQuery.all().withModel("fraud").withAfter(3).withLimit(2))).containsExactly(6L, 7L);
        assertThat(sequences(JournalQuery.all().withAfter(12))).isEmpty();
        assertThat(sequences(JournalQuery.all().withAfter(1_000))).isEmpty();
    }

    @Test
    void pagingFromTheLastSequenceSeesEveryMatchingEntryOnceInOrder() {
        JournalQuery q = JournalQuery.all().withOperations(Operations.VERSION_UPDATED, Operations.VERSION_REGISTERED)
                .withLimit(2);
        List<Long> seen = new ArrayList<>();
        List<JournalEntry> page = store().journal(q);
        while (!page.isEmpty()) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(e -> seen.add(e.sequence()));
            page = store().journal(q.withAfter(page.get(page.size() - 1).sequence()));
        }

        assertThat(seen).containsExactly(2L, 3L, 5L, 7L, 8L, 9L, 11L, 12L);
    }

    @Test
    void valuesThatLookLikeSqlAreComparedAsValues() {
        JournalQuery injected = JournalQuery.all().withPrincipal("alice' OR '1'='1")
                .withOperations("x') OR ('1'='1", "model.created");
        long before = store().journalHead().sequence();

        assertThat(sequences(injected)).isEmpty();
        assertThat(store().journalHead().sequence()).isEqualTo(before);
        assertThat(store().model("fraud")).isPresent();
        assertThat(all()).hasSize(12);
    }
}
