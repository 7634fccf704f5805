package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.AccessReader;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How a write decides on grants: its first attempt may rest on the grant cache under the built-in
 * policy, because the grant it rests on is checked again at the commit; anything else reads afresh.
 */
class WriteAuthorizationTest {

    private static final Principal BOB = Principal.user("bob");
    private static final Grant CONTRIBUTOR = new Grant(BOB.subject(), Role.CONTRIBUTOR, Scope.model("risk/a"));

    /** Grants held in a list, counting how often each kind of read asks for them. */
    private static final class CountingGrants implements AccessReader {
        final List<Grant> held = new ArrayList<>();
        int allReads;
        int coveringReads;

        @Override
        public List<Grant> grantsOf(Collection<Subject> subjects) {
            allReads++;
            return held.stream().filter(g -> subjects.contains(g.subject())).sorted().toList();
        }

        @Override
        public List<Grant> grantsOf(Collection<Subject> subjects, Scope scope) {
            coveringReads++;
            return held.stream().filter(g -> subjects.contains(g.subject()) && g.scope().covers(scope)).sorted().toList();
        }

        @Override
        public List<Grant> grantsOn(Scope scope) {
            return held.stream().filter(g -> g.scope().equals(scope)).toList();
        }

        @Override
        public List<Grant> grants() {
            return List.copyOf(held);
        }
    }

    @Nested
    class OneGuard {
        private final CountingGrants grants = new CountingGrants();

        private AccessGuard guard(AccessPolicy policy) {
            return new AccessGuard(new AccessGuard.Settings(policy, Set.of(),
                    new GrantCache(grants, Duration.ofHours(1).toNanos()), null, Instant::now), BOB);
        }

        private AccessGuard.Authorization register(AccessGuard guard, boolean cached) {
            return guard.authorize(Action.REGISTER, Scope.model("risk/a"), Target.model("risk/a"), cached);
        }

        @Test
        void aFirstAttemptUnderTheBuiltInPolicyDecidesOnCachedGrantsAndBindsTheGrantItRestsOn() {
            grants.held.add(CONTRIBUTOR);
            AccessGuard guard = guard(AccessPolicy.grants());

            AccessGuard.Authorization first = register(guard, true);
            AccessGuard.Authorization second = register(guard, true);

            assertThat(grants.allReads).isEqualTo(1);
            assertThat(grants.coveringReads).isZero();
            assertThat(first.precondition()).contains(new Precondition.GrantIs(CONTRIBUTOR, true));
            assertThat(second.precondition()).isEqualTo(first.precondition());
        }

        @Test
        void aRetryReadsTheGrantsAfresh() {
            grants.held.add(CONTRIBUTOR);
            AccessGuard guard = guard(AccessPolicy.grants());

            register(guard, false);
            register(guard, false);

            assertThat(grants.coveringReads).isEqualTo(2);
            assertThat(grants.allReads).isZero();
        }

        @Test
        void aGrantTheCacheDoesNotHoldYetIsFoundOnFreshGrantsBeforeAWriteIsRefused() {
            AccessGuard guard = guard(AccessPolicy.grants());
            assertThat(guard.allows(Action.REGISTER, Scope.model("risk/a"))).isFalse();
            grants.held.add(CONTRIBUTOR);

            AccessGuard.Authorization allowed = register(guard, true);

            assertThat(allowed.precondition()).contains(new Precondition.GrantIs(CONTRIBUTOR, true));
            assertThat(grants.coveringReads).isEqualTo(1);
        }

        @Test
        void aCustomPolicyAlwaysDecidesOnFreshGrants() {
            grants.held.add(CONTRIBUTOR);
            AccessGuard guard = guard(request -> AccessPolicy.grants().decide(request));

            register(guard, true);
            register(guard, true);

            assertThat(grants.coveringReads).isEqualTo(2);
            assertThat(grants.allReads).isZero();
        }
    }

    @Nested
    class TwoRegistriesOnOneStore {
        private final InMemoryMetadataStore store = new InMemoryMetadataStore();
        private final InMemoryArtifactStore files = new InMemoryArtifactStore();

        private Registry open(Principal principal) {
            return Registries.builder().metadataStore(store).artifactStore(files).principal(principal)
                    .accessPolicy(AccessPolicy.grants()).admin(Subject.service("app"))
                    .grantCacheTtl(Duration.ofHours(1)).build();
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void aGrantRevokedByAnotherRegistryStopsTheNextWriteThoughTheCacheStillHoldsIt() {
            Registry app = open(Principal.service("app"));
            app.register("risk/a").content("m", bytes("1")).commit();
            app.access().grant(CONTRIBUTOR);
            Registry bob = open(BOB);
            bob.register("risk/a").content("m", bytes("2")).commit();

            assertThat(app.access().revoke(CONTRIBUTOR)).isTrue();
            long head = app.journal().head();

            assertThatThrownBy(() -> bob.register("risk/a").content("m", bytes("3")).commit())
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("bob may not REGISTER");
            assertThat(app.versions("risk/a")).hasSize(2);
            assertThat(app.journal().head()).isEqualTo(head + 1);
            assertThat(app.journal().after(head, 1).get(0).operation()).isEqualTo(Operations.ACCESS_DENIED);
        }

        @Test
        void anOperationThatChecksTwoActionsJournalsWhatAllowedEach() {
            Registry app = open(Principal.service("app"));
            app.register("risk/a").content("m", bytes("1")).createdBy("alice").commit();

            String details = app.journal().after(0, 100).stream()
                    .filter(e -> e.operation().equals(Operations.VERSION_REGISTERED)).findFirst().orElseThrow().details();

            assertThat(details).startsWith("{\"authorizedBy\":{\"action\":\"REGISTER\",\"scope\":\"model:risk/a\","
                    + "\"admin\":\"service:app\"},\"alsoAuthorizedBy\":[{\"action\":\"ACT_AS\",\"scope\":\"registry\","
                    + "\"admin\":\"service:app\"},{\"action\":\"CREATE_MODEL\",\"scope\":\"namespace:risk\","
                    + "\"admin\":\"service:app\"}],");
        }

        @Test
        void aGrantMadeByAnotherRegistryLetsTheNextWriteThroughThoughTheCacheHadNone() {
            Registry app = open(Principal.service("app"));
            app.register("risk/a").content("m", bytes("1")).commit();
            Registry bob = open(BOB);
            assertThat(bob.models()).isEmpty();

            app.access().grant(CONTRIBUTOR);

            assertThat(bob.register("risk/a").content("m", bytes("2")).commit().ref().version()).isEqualTo(2);
        }
    }
}
