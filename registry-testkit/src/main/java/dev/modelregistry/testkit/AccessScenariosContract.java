package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.AccessDecision;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Access control beyond the matrix: what listings, searches, lineage and the journal show, how a
 * revocation takes effect, who may act as whom, bad input, and a policy that delegates to another
 * system. A backend subclasses this and says how to open a registry with access control.
 */
public abstract class AccessScenariosContract extends AccessContract {

    private ModelVersion a1;

    /** {@code risk/a} and {@code risk/b}, and {@code ops/c} derived from {@code risk/a}. */
    private void catalog() {
        a1 = root.register("risk/a").content("m", AccessMatrix.bytes("a")).commit();
        root.register("risk/b").content("m", AccessMatrix.bytes("b")).commit();
        root.register("ops/c").content("m", AccessMatrix.bytes("c")).parent(a1.ref(), Relation.FINE_TUNED_FROM)
                .commit();
    }

    private static List<String> names(List<Model> models) {
        return models.stream().map(Model::name).toList();
    }

    private static List<String> models(Page<ModelVersion> page) {
        return page.items().stream().map(v -> v.ref().model()).sorted().toList();
    }

    @Test
    void listingsSearchesLineageAndTheJournalShowOnlyWhatThePrincipalMayRead() {
        catalog();
        root.access().grant(Subject.group("risk-analysts"), Role.READER, Scope.namespace("risk"));
        Registry rita = root.as(Principal.user("rita", "risk-analysts"));
        Registry nobody = root.as(Principal.user("nobody"));

        assertThat(names(rita.models())).containsExactly("risk/a", "risk/b");
        assertThat(models(rita.search().versions(SearchQuery.all().withTotal()))).containsExactly("risk/a", "risk/b");
        assertThat(rita.search().versions(SearchQuery.all().withTotal()).total()).hasValue(2);
        assertThat(rita.search().count(Filter.ALL)).isEqualTo(2);
        Page<ModelVersion> first = rita.search().versions(SearchQuery.all().limit(1));
        Page<ModelVersion> second = rita.search().versions(SearchQuery.all().limit(1).after(first.next().orElseThrow()));
        assertThat(second.next()).isEmpty();
        assertThat(models(first) .size() + models(second).size()).isEqualTo(2);
        assertThat(rita.lineage().downstream(a1.ref(), 3).versions()).extracting(n -> n.ref().model())
                .containsExactly("risk/a");
        assertThat(rita.journal().after(0, 1_000)).extracting(JournalEntry::model).isNotEmpty()
                .allMatch(m -> m.equals("risk/a") || m.equals("risk/b"));
        assertThat(rita.journal().query(JournalQuery.all()).entries()).extracting(JournalEntry::operation)
                .doesNotContain("access.granted", "access.configured");

        assertThat(nobody.models()).isEmpty();
        assertThat(nobody.search().versions(SearchQuery.all().withTotal()).items()).isEmpty();
        assertThat(nobody.search().count(Filter.ALL)).isZero();
        assertThat(nobody.journal().after(0, 1_000)).isEmpty();
    }

    @Test
    void aQueryOnAModelThePrincipalMayNotReadIsDeniedWhetherOrNotItExists() {
        catalog();
        Registry nobody = root.as(Principal.user("nobody"));

        assertThatThrownBy(() -> nobody.journal().query(JournalQuery.all().withModel("risk/a")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("risk/a");
        assertThatThrownBy(() -> nobody.journal().query(JournalQuery.all().withModel("risk/none")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("risk/none");
        assertThat(nobody.journal().query(JournalQuery.all().withOperations(Operations.VERSION_REGISTERED)))
                .isEqualTo(nobody.journal().query(JournalQuery.all().withOperations("no.such.operation")));
    }

    @Test
    void aLineageNamesOnlyTheParentsThePrincipalMayRead() {
        catalog();
        root.access().grant(Subject.user("otto"), Role.READER, Scope.namespace("ops"));
        Registry otto = root.as(Principal.user("otto"));
        ModelVersion c = otto.latest("ops/c").orElseThrow();

        assertThat(root.lineage().of(c.ref()).parents()).hasSize(1);
        assertThat(otto.lineage().of(c.ref()).parents()).isEmpty();
        assertThat(otto.lineage().modelCard(c.ref())).doesNotContain("risk/a");
        assertThat(otto.lineage().diff(c.ref(), c.ref()).toString()).doesNotContain("risk/a");
    }

    @Test
    void aPrincipalWhoseNameDiffersOnlyInCaseOrAccentsGetsNoneOfTheGrants() {
        catalog();
        root.access().grant(Subject.user("alice"), Role.PROMOTER, Scope.model("risk/a"));
        root.access().grant(Subject.group("risk"), Role.READER, Scope.namespace("risk"));

        for (Principal other : List.of(Principal.user("ALICE"), Principal.user("àlice"), Principal.user("x", "RISK"))) {
            Registry r = root.as(other);
            assertThat(r.models()).as(other.toString()).isEmpty();
            assertThatThrownBy(() -> r.transition(a1, Stage.STAGING, "")).as(other.toString())
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(root.version(a1.ref()).orElseThrow().stage()).isEqualTo(a1.stage());
    }

    @Test
    void aSubscriberHearsOnlyOfWhatItMayRead() {
        catalog();
        root.access().grant(Subject.user("rita"), Role.READER, Scope.model("risk/a"));
        List<String> heard = new CopyOnWriteArrayList<>();
        Registry rita = root.as(Principal.user("rita"));
        try (var subscription = rita.journal().subscribe(entries -> entries.forEach(e -> heard.add(e.model())))) {
            root.register("ops/c").content("m", AccessMatrix.bytes("c2")).commit();
            root.register("risk/a").content("m", AccessMatrix.bytes("a2")).commit();
        }
        assertThat(heard).containsExactly("risk/a");
    }

    @Test
    void aNamespaceOwnerSeesTheGrantsOnItsNamespaceInTheJournalButNotThoseOnAnother() {
        catalog();
        root.access().grant(Subject.user("olga"), Role.OWNER, Scope.namespace("risk"));
        root.access().grant(Subject.group("analysts"), Role.READER, Scope.namespace("risk"));
        root.access().grant(Subject.group("analysts"), Role.READER, Scope.namespace("ops"));
        Registry olga = root.as(Principal.user("olga"));

        List<String> seen = olga.journal().query(JournalQuery.all().withOperations(Operations.ACCESS_GRANTED))
                .entries().stream().map(JournalEntry::details)
                .filter(d -> d.matches(".*\"role\":\"[A-Z]+\",\"scope\":\"namespace:.*")).toList();

        assertThat(seen).hasSize(2).allMatch(d -> d.endsWith("\"scope\":\"namespace:risk\"}"));
        assertThat(root.as(Principal.user("nobody")).journal().query(JournalQuery.all()
                .withOperations(Operations.ACCESS_GRANTED)).entries()).isEmpty();
    }

    @Test
    void aRevokedGrantStopsTheNextOperationAtOnce() {
        catalog();
        Grant promoter = new Grant(Subject.user("bob"), Role.PROMOTER, Scope.model("risk/a"));
        root.access().grant(promoter);
        Registry bob = root.as(Principal.user("bob"));
        bob.transition(a1, Stage.STAGING, "allowed");

        assertThat(root.access().revoke(promoter)).isTrue();

        assertThatThrownBy(() -> bob.transition(a1, Stage.PRODUCTION, "no longer"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("bob").hasMessageContaining("TRANSITION");
        assertThatThrownBy(() -> bob.version("risk/a", 1)).isInstanceOf(AccessDeniedException.class);
        assertThat(root.version(a1.ref()).orElseThrow().stage()).isEqualTo(Stage.STAGING);
    }

    @Test
    void theCreatorOfAModelOwnsItAndMayGrantOthersAccess() {
        root.access().grant(Subject.user("carol"), Role.CONTRIBUTOR, Scope.namespace("risk"));
        Registry carol = root.as(Principal.user("carol"));

        carol.register("risk/new").content("m", AccessMatrix.bytes("n")).commit();
        carol.access().grant(Subject.user("dave"), Role.READER, Scope.model("risk/new"));

        assertThat(root.access().grantsOn(Scope.model("risk/new"))).containsExactly(
                new Grant(Subject.user("carol"), Role.OWNER, Scope.model("risk/new")),
                new Grant(Subject.user("dave"), Role.READER, Scope.model("risk/new")));
        assertThat(root.as(Principal.user("dave")).latest("risk/new")).isPresent();
        assertThatThrownBy(() -> carol.access().grant(Subject.user("dave"), Role.READER, Scope.namespace("risk")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("MANAGE_ACCESS");
    }

    @Test
    void onlyTheApplicationsRegistryOrAnAdministratorMayActAsSomeoneElse() {
        catalog();
        Registry alice = root.as(Principal.user("alice"));

        assertThat(alice.as(Principal.user("alice")).principal()).isEqualTo("alice");
        assertThatThrownBy(() -> alice.as(Principal.user("bob"))).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("alice").hasMessageContaining("ACT_AS");
        root.access().grant(Subject.user("alice"), Role.CONTRIBUTOR, Scope.model("risk/a"));
        assertThatThrownBy(() -> alice.register("risk/a").content("m", AccessMatrix.bytes("x")).createdBy("bob").commit())
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("ACT_AS");
        assertThat(root.versions("risk/a")).hasSize(1);
    }

    @Test
    void badGrantsAreRefusedNamingTheValueAndChangeNothing() {
        catalog();
        long head = root.journal().head();
        List<Grant> before = new ArrayList<>(root.access().grantsOn(Scope.model("risk/a")));

        assertThatThrownBy(() -> Role.parse("SUPERUSER")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'SUPERUSER'");
        assertThatThrownBy(() -> root.access().grant(Subject.user("x"), Role.READER, Scope.model("risk/none")))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("risk/none");
        assertThatThrownBy(() -> root.access().grant(Subject.user("x"), Role.READER, Scope.model("../etc")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> Principal.user("ali\u0000ce")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ali\\u0000ce");
        assertThatThrownBy(() -> Subject.group("\u202Eadmins")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Principal.user("alice\u00A0b")).as("a no-break space looks like a space")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("separator");
        assertThatThrownBy(() -> Subject.user("alice\u2028admin")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Principal.service("s".repeat(121))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than 120");
        assertThatThrownBy(() -> Subject.service("s".repeat(121))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Principal.user("team:lead")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("':'");
        assertThatThrownBy(() -> new Grant(Subject.user("x"), Role.ADMIN, Scope.namespace("risk")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("registry only");
        assertThatThrownBy(() -> Scope.namespace("risk/a")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Subject.parse("role:admin")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'role:admin'");

        assertThat(root.journal().head()).isEqualTo(head);
        assertThat(root.access().grantsOn(Scope.model("risk/a"))).isEqualTo(before);
    }

    @Test
    void aServiceWithTheLongestNameIsJournaledWhenItActsAndWhenItIsDenied() {
        catalog();
        Principal service = Principal.service("s".repeat(120));
        assertThat(service.id()).hasSize(Limits.PRINCIPAL_LENGTH);
        root.access().grant(service.subject(), Role.CONTRIBUTOR, Scope.model("risk/a"));
        Registry trainer = root.as(service);

        trainer.register("risk/a").content("m", AccessMatrix.bytes("a2")).commit();
        assertThatThrownBy(() -> trainer.register("risk/b").content("m", AccessMatrix.bytes("b2")).commit())
                .isInstanceOf(AccessDeniedException.class);

        assertThat(root.journal().query(JournalQuery.all().withPrincipal(service.id())).entries())
                .extracting(JournalEntry::operation)
                .containsExactly(Operations.VERSION_REGISTERED, Operations.ACCESS_DENIED);
    }

    @Test
    void grantingWhatIsHeldOrRevokingWhatIsNotChangesNothing() {
        catalog();
        Grant g = new Grant(Subject.user("x"), Role.READER, Scope.model("risk/a"));
        assertThat(root.access().grant(g)).isTrue();
        long head = root.journal().head();

        assertThat(root.access().grant(g)).isFalse();
        assertThat(root.access().revoke(new Grant(Subject.user("y"), Role.READER, Scope.model("risk/a")))).isFalse();

        assertThat(root.journal().head()).isEqualTo(head);
    }

    /**
     * A fake of a company's own authorization service: {@code dora} may read and promote
     * {@code risk/a} only; the application itself may do everything.
     */
    static final class Directory implements AccessPolicy {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public AccessDecision decide(dev.modelregistry.access.AccessRequest request) {
            asked.add(request.principal().id() + " " + request.action() + " " + request.scope());
            if (request.principal().equals(APP)) {
                return AccessDecision.allowed("directory: the application");
            }
            boolean dora = request.principal().name().equals("dora") && request.scope().equals(Scope.model("risk/a"))
                    && Set.of(Action.READ, Action.TRANSITION).contains(request.action());
            return dora ? AccessDecision.allowed("directory: dora looks after risk/a")
                    : AccessDecision.denied("directory: not in the entitlement list");
        }
    }

    @Test
    void aPolicyOfTheApplicationsOwnDecidesEveryOperationAndItsReasonsAreJournaled() {
        root.close();
        Directory directory = new Directory();
        root = open(APP, directory, Set.of());
        catalog();
        Registry dora = root.as(Principal.user("dora"));

        dora.transition(a1, Stage.STAGING, "the directory says yes");
        assertThatThrownBy(() -> dora.transition(root.latest("risk/b").orElseThrow(), Stage.STAGING, "no"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("not in the entitlement list");

        JournalEntry moved = root.journal().query(JournalQuery.all().withPrincipal("dora")
                .withOperations("version.stage_changed")).entries().get(0);
        assertThat(moved.details()).contains("\"policy\":\"directory: dora looks after risk/a\"");
        assertThat(models(dora.search().versions(SearchQuery.all().withTotal()))).containsExactly("risk/a");
        assertThat(dora.search().count(Filter.ALL)).isEqualTo(1);
        assertThat(directory.asked).contains("dora TRANSITION model:risk/b");
    }
}
