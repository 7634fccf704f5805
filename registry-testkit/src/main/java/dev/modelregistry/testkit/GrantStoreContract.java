package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a store keeps grants: written through change sets ({@link Mutation.PutGrant},
 * {@link Mutation.RemoveGrant}) guarded by {@link Precondition.GrantIs}, read back by subject, by
 * scope and all at once, sorted. Run by {@link MetadataStoreContract} as a nested group;
 * {@link #store()} is the store under test.
 */
public abstract class GrantStoreContract {

    private static final Grant ALICE_READS = new Grant(Subject.user("alice"), Role.READER, Scope.model("risk/fraud"));
    private static final Grant TEAM_PROMOTES = new Grant(Subject.group("risk"), Role.PROMOTER, Scope.namespace("risk"));
    private static final Grant OPS_ADMIN = new Grant(Subject.service("ops"), Role.ADMIN, Scope.registry());

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    private static ChangeSet change(Grant grant, boolean held, Mutation mutation) {
        return StoreOps.changeSet("admin", Instant.ofEpochMilli(1_700_000_000_000L),
                List.of(new Precondition.GrantIs(grant, held)), List.of(mutation),
                List.of(EntryDraft.of(Operations.ACCESS_GRANTED, Target.model(""), "{\"grant\":\"" + grant + "\"}")));
    }

    private void put(Grant grant) {
        store().apply(change(grant, false, new Mutation.PutGrant(grant)));
    }

    @Test
    void aNewStoreHoldsNoGrants() {
        assertThat(store().grants()).isEmpty();
        assertThat(store().grantsOf(List.of(Subject.user("alice"), Subject.group("risk")))).isEmpty();
        assertThat(store().grantsOn(Scope.registry())).isEmpty();
    }

    @Test
    void grantsAreReadBackBySubjectByScopeAndAllSorted() {
        put(TEAM_PROMOTES);
        put(ALICE_READS);
        put(OPS_ADMIN);
        Grant aliceOwns = new Grant(Subject.user("alice"), Role.OWNER, Scope.model("risk/fraud"));
        put(aliceOwns);

        assertThat(store().grants()).containsExactly(ALICE_READS, aliceOwns, TEAM_PROMOTES, OPS_ADMIN);
        assertThat(store().grantsOf(List.of(Subject.user("alice"), Subject.group("risk"))))
                .containsExactly(ALICE_READS, aliceOwns, TEAM_PROMOTES);
        assertThat(store().grantsOf(Subject.service("ops"))).containsExactly(OPS_ADMIN);
        assertThat(store().grantsOf(Subject.user("ops"))).isEmpty();
        assertThat(store().grantsOn(Scope.model("risk/fraud"))).containsExactly(ALICE_READS, aliceOwns);
        assertThat(store().grantsOn(Scope.namespace("risk"))).containsExactly(TEAM_PROMOTES);
        assertThat(store().grantsOn(Scope.registry())).containsExactly(OPS_ADMIN);
        List<Subject> all = List.of(Subject.user("alice"), Subject.group("risk"), Subject.service("ops"));
        assertThat(store().grantsOf(all, Scope.model("risk/fraud")))
                .containsExactly(ALICE_READS, aliceOwns, TEAM_PROMOTES, OPS_ADMIN);
        assertThat(store().grantsOf(all, Scope.model("risk/other"))).containsExactly(TEAM_PROMOTES, OPS_ADMIN);
        assertThat(store().grantsOf(all, Scope.model("riskier/fraud"))).containsExactly(OPS_ADMIN);
        assertThat(store().grantsOf(all, Scope.namespace("risk"))).containsExactly(TEAM_PROMOTES, OPS_ADMIN);
        assertThat(store().grantsOf(all, Scope.registry())).containsExactly(OPS_ADMIN);
        assertThat(store().grantsOf(List.of(Subject.user("alice")), Scope.model("risk/fraud")))
                .containsExactly(ALICE_READS, aliceOwns);
    }

    @Test
    void aRemovedGrantIsGone() {
        put(ALICE_READS);
        put(TEAM_PROMOTES);

        store().apply(change(ALICE_READS, true, new Mutation.RemoveGrant(ALICE_READS)));

        assertThat(store().grants()).containsExactly(TEAM_PROMOTES);
    }

    @Test
    void aGrantThatMustBeHeldButIsNotRefusesTheWholeChangeSet() {
        long head = store().journalHead().sequence();

        assertThatThrownBy(() -> store().apply(change(ALICE_READS, true, new Mutation.PutGrant(TEAM_PROMOTES))))
                .isInstanceOf(ChangeConflictException.class);

        assertThat(store().grants()).isEmpty();
        assertThat(store().journalHead().sequence()).isEqualTo(head);
    }

    @Test
    void aGrantThatMustNotBeHeldButIsRefusesTheChangeSet() {
        put(ALICE_READS);
        long head = store().journalHead().sequence();

        assertThatThrownBy(() -> store().apply(change(ALICE_READS, false, new Mutation.RemoveGrant(ALICE_READS))))
                .isInstanceOf(ChangeConflictException.class);

        assertThat(store().grants()).containsExactly(ALICE_READS);
        assertThat(store().journalHead().sequence()).isEqualTo(head);
    }

    @Test
    void namesWithUnicodeAndPunctuationRoundTrip() {
        Grant odd = new Grant(Subject.group("Ärzte & Co. (ML) 'quoted' \"double\""), Role.CONTRIBUTOR,
                Scope.model("équipe/modèle-1"));
        put(odd);

        assertThat(store().grantsOf(odd.subject())).containsExactly(odd);
        assertThat(store().grantsOn(odd.scope())).containsExactly(odd);
    }

    @Test
    void subjectsAndScopesMatchExactlyNotIgnoringCaseOrAccents() {
        put(ALICE_READS);
        Grant lookalike = new Grant(Subject.user("ALICE"), Role.READER, Scope.model("risk/fraud"));
        List<Subject> others = List.of(Subject.user("ALICE"), Subject.user("àlice"), Subject.user("Alice"));

        assertThat(store().grantsOf(others)).isEmpty();
        assertThat(store().grantsOf(others, Scope.model("risk/fraud"))).isEmpty();
        assertThat(store().grantsOf(List.of(Subject.user("alice")), Scope.model("RISK/Fraud"))).isEmpty();
        assertThat(store().grantsOn(Scope.model("risk/FRAUD"))).isEmpty();
        assertThatThrownBy(() -> store().apply(change(lookalike, true, new Mutation.PutGrant(TEAM_PROMOTES))))
                .isInstanceOf(ChangeConflictException.class);

        put(lookalike);
        assertThat(store().grants()).containsExactly(lookalike, ALICE_READS);
        assertThat(store().grantsOf(Subject.user("alice"))).containsExactly(ALICE_READS);
    }
}
