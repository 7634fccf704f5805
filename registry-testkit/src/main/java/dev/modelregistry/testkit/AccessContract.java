package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.testkit.AccessMatrix.Fixture;
import dev.modelregistry.testkit.AccessMatrix.Holder;
import dev.modelregistry.testkit.AccessMatrix.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The permission matrix (docs/ACCESS.md): every public operation ({@link AccessMatrix#OPERATIONS}) as
 * every {@link Holder}, each on a fresh model, is allowed exactly when the table says; a denied one
 * throws {@link AccessDeniedException} naming the principal and the action, and the only trace it
 * leaves is its {@code access.denied} journal entry. A backend subclasses this and says how to open a
 * registry with access control.
 */
public abstract class AccessContract {

    /** The application's own principal: the registry's, and its configured administrator. */
    protected static final Principal APP = Principal.service("app");

    protected Registry root;
    private int cases;

    /**
     * Opens a fresh, empty registry acting as {@code principal}, with {@code policy} and the
     * configured administrators {@code admins}.
     */
    protected abstract Registry open(Principal principal, AccessPolicy policy, Set<Subject> admins);

    @BeforeEach
    void openRegistry() {
        root = open(APP, AccessPolicy.grants(), Set.of(APP.subject()));
    }

    @AfterEach
    void closeRegistry() {
        root.close();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationIsAllowedExactlyAsTheMatrixSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : AccessMatrix.OPERATIONS) {
            for (Holder holder : Holder.values()) {
                tests.add(DynamicTest.dynamicTest(operation.name() + " as " + holder.label() + " is "
                        + (holder.allows(operation) ? "allowed" : "denied"), () -> check(operation, holder)));
            }
        }
        return tests.stream();
    }

    private void check(Operation operation, Holder holder) throws Exception {
        Fixture f = fixture();
        Principal who = holder == Holder.CONFIGURED_ADMIN ? APP
                : Principal.user(holder.name().toLowerCase(java.util.Locale.ROOT) + "-" + f.namespace(),
                        "team-" + f.namespace());
        Grant grant = holder.grant(who, f);
        if (grant != null) {
            root.access().grant(grant);
        }
        Registry view = root.as(who);
        long head = root.journal().head();
        if (holder.allows(operation)) {
            operation.call().on(view, f);
            assertThat(root.journal().after(head, 1_000)).extracting(JournalEntry::operation)
                    .doesNotContain(Operations.ACCESS_DENIED);
            return;
        }
        try {
            operation.call().on(view, f);
            fail(operation.name() + " as " + holder.label() + " went through");
        } catch (AccessDeniedException denied) {
            // Some operations need two actions (a registration credited to another needs REGISTER and
            // ACT_AS); the denial names the first one the principal lacks.
            assertThat(denied.principal()).isEqualTo(who.id());
            assertThat(denied.getMessage()).contains(who.id()).contains(denied.action().name())
                    .contains(denied.target());
        }
        List<JournalEntry> after = root.journal().after(head, 1_000);
        assertThat(after).as("the journal after a denied %s", operation.name())
                .extracting(JournalEntry::operation, JournalEntry::principal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Operations.ACCESS_DENIED, who.id()));
    }

    /** A fresh model in a fresh namespace, set up by the configured administrator. */
    protected Fixture fixture() {
        String namespace = "n" + (++cases);
        String model = namespace + "/m";
        ModelVersion v1 = root.register(model).content("model.bin", AccessMatrix.bytes("v1")).tag("k", "v").commit();
        ModelVersion v2 = root.register(model).content("model.bin", AccessMatrix.bytes("v2")).commit();
        ModelVersion v3 = root.register(model).content("model.bin", AccessMatrix.bytes("v3")).commit();
        root.tagModel(model, "k", "v");
        root.transition(v1, Stage.PRODUCTION, "first");
        root.transition(v2, Stage.PRODUCTION, "second");
        root.setAlias(v1.ref(), "champion");
        root.setAlias(v2.ref(), "champion");
        int request = root.requestPromotion(v3.ref(), Stage.STAGING, "ready").id();
        int other = root.requestPromotion(v3.ref(), Stage.STAGING, "ready too").id();
        Grant revocable = new Grant(Subject.user("leaver"), Role.READER, Scope.model(model));
        root.access().grant(revocable);
        String webhook = "hook-" + namespace;
        root.deliveries().createWebhook(AccessMatrix.webhook(webhook));
        return new Fixture(namespace, model, v1, v2, v3, request, other, revocable, webhook);
    }
}
