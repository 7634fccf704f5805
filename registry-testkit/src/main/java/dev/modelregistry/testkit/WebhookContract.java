package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How a store keeps webhook subscriptions: written through change sets ({@link Mutation.PutWebhook},
 * {@link Mutation.RemoveWebhook}) guarded by {@link Precondition.WebhookIs}, read back exactly. Run
 * by {@link MetadataStoreContract} as a nested group; {@link #store()} is the store under test.
 */
public abstract class WebhookContract {

    private static final String SECRET = "whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    private static Webhook hook(String name) {
        return new Webhook(name, URI.create("https://hooks.example.com/" + name), SECRET, Set.of(), List.of(), true,
                false);
    }

    /** Applies {@code WebhookIs(name, expected)} and the mutation, journaled as {@code operation}. */
    private void change(String name, Webhook expected, Mutation mutation, String operation) {
        store().apply(changeSet(name, expected, mutation, operation));
    }

    private static ChangeSet changeSet(String name, Webhook expected, Mutation mutation, String operation) {
        return StoreOps.changeSet("admin", at(1), List.of(new Precondition.WebhookIs(name, expected)),
                List.of(mutation), List.of(EntryDraft.of(operation, Target.model(""), "{\"name\":\"" + name + "\"}")));
    }

    private void create(Webhook w) {
        change(w.name(), null, new Mutation.PutWebhook(w), Operations.WEBHOOK_CREATED);
    }

    @Test
    void aNewStoreHasNoWebhooks() {
        assertThat(store().webhooks()).isEmpty();
    }

    @Test
    void everyFieldRoundTripsExactly() {
        Webhook full = new Webhook("deploy-prod.v2", URI.create("https://hooks.example.com:8443/deploy/v1?team=risk&x=1"),
                SECRET, Set.of("dev.modelregistry.version.stage_changed", "dev.modelregistry.alias.set",
                        "dev.modelregistry.version.registered"),
                List.of("zeta-*", "fraud-*", "a", "*", "team/churn"), false, true);
        Webhook bare = new Webhook("bare", URI.create("http://10.0.0.7/hook"), SECRET, Set.of(), List.of(), true, false);
        Webhook single = new Webhook("single", URI.create("https://h.example/"), SECRET, Set.of("dev.modelregistry.x"),
                List.of("m"), true, true);

        create(full);
        create(bare);
        create(single);

        assertThat(store().webhooks()).containsExactly(bare, full, single);
        Webhook read = store().webhooks().get(1);
        assertThat(read.models()).containsExactly("zeta-*", "fraud-*", "a", "*", "team/churn");
        assertThat(read.eventTypes()).isEqualTo(full.eventTypes());
        assertThat(read.enabled()).isFalse();
        assertThat(read.allowPrivateAddresses()).isTrue();
    }

    @Test
    void webhooksAreListedSortedByName() {
        List<String> names = List.of("b", "A", "a-1", "a", "a.b", "Z", "_x", "a_b", "0");
        names.forEach(n -> create(hook(n)));

        assertThat(store().webhooks()).extracting(Webhook::name)
                .containsExactlyElementsOf(names.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void aPutReplacesTheWebhookOfTheSameNameAndNoOther() {
        Webhook deploy = hook("deploy");
        create(deploy);
        create(hook("other"));
        Webhook changed = deploy.withUrl(URI.create("https://elsewhere.example/x")).withEventTypes("a", "b")
                .withModels("m-*").withEnabled(false);

        change("deploy", deploy, new Mutation.PutWebhook(changed), Operations.WEBHOOK_UPDATED);

        assertThat(store().webhooks()).containsExactly(changed, hook("other"));
        change("deploy", changed, new Mutation.PutWebhook(deploy), Operations.WEBHOOK_UPDATED);
        assertThat(store().webhooks()).containsExactly(deploy, hook("other"));
    }

    @Test
    void aRemovedWebhookIsGoneAndItsNameFree() {
        create(hook("deploy"));
        create(hook("other"));

        change("deploy", hook("deploy"), new Mutation.RemoveWebhook("deploy"), Operations.WEBHOOK_REMOVED);

        assertThat(store().webhooks()).containsExactly(hook("other"));
        Webhook again = hook("deploy").withSecret(SECRET.replace('M', 'N'));
        create(again);
        assertThat(store().webhooks()).containsExactly(again, hook("other"));
    }

    @Test
    void webhookChangesAreJournaledAtTheRegistryLevel() {
        create(hook("deploy"));
        change("deploy", hook("deploy"), new Mutation.RemoveWebhook("deploy"), Operations.WEBHOOK_REMOVED);

        assertThat(store().journal(0, 10)).extracting(JournalEntry::operation, JournalEntry::model)
                .containsExactly(tuple(Operations.WEBHOOK_CREATED, ""),
                        tuple(Operations.WEBHOOK_REMOVED, ""));
    }

    @Test
    void aChangeSetIsRefusedUnlessTheSubscriptionIsTheOneExpected() {
        Webhook deploy = hook("deploy").withModels("a", "b");
        create(deploy);
        List<Webhook> others = List.of(deploy.withModels("b", "a"), deploy.withModels("a"),
                deploy.withEventTypes("t"), deploy.withEnabled(false), deploy.withPrivateAddressesAllowed(true),
                deploy.withSecret(SECRET.replace('M', 'N')), deploy.withUrl(URI.create("https://hooks.example.com/x")));
        List<Precondition> failing = new ArrayList<>();
        failing.add(new Precondition.WebhookIs("deploy", null));
        failing.add(new Precondition.WebhookIs("absent", hook("absent")));
        others.forEach(o -> failing.add(new Precondition.WebhookIs("deploy", o)));
        long head = store().journalHead().sequence();

        for (Precondition p : failing) {
            ChangeSet changes = StoreOps.changeSet("admin", at(2), List.of(p),
                    List.of(new Mutation.PutWebhook(hook("deploy").withEnabled(false)), new Mutation.PutWebhook(
                            hook("absent"))), List.of(EntryDraft.of(Operations.WEBHOOK_UPDATED, Target.model(""), "{}")));
            assertThatThrownBy(() -> store().apply(changes)).as("%s", p)
                    .isInstanceOfSatisfying(ChangeConflictException.class, e -> assertThat(e.failed()).isEqualTo(p));
        }

        assertThat(store().webhooks()).containsExactly(deploy);
        assertThat(store().journalHead().sequence()).isEqualTo(head);
    }

    @Test
    void aRefusedChangeSetStoresNoWebhook() {
        ChangeSet changes = StoreOps.changeSet("admin", at(2),
                List.of(new Precondition.WebhookIs("deploy", null), new Precondition.ModelExists("nope")),
                List.of(new Mutation.PutWebhook(hook("deploy"))),
                List.of(EntryDraft.of(Operations.WEBHOOK_CREATED, Target.model(""), "{}")));

        assertThatThrownBy(() -> store().apply(changes)).isInstanceOf(ChangeConflictException.class);

        assertThat(store().webhooks()).isEmpty();
    }

    @Test
    void ofEightCreationsOfOneWebhookExactlyOneWins() throws InterruptedException {
        List<Webhook> stored = concurrently(8, t -> () -> {
            Webhook mine = hook("deploy").withUrl(URI.create("https://hooks.example.com/" + t));
            try {
                create(mine);
                return mine;
            } catch (ChangeConflictException e) {
                return null;
            }
        });

        List<Webhook> winners = stored.stream().filter(w -> w != null).collect(Collectors.toList());
        assertThat(winners).hasSize(1);
        assertThat(store().webhooks()).isEqualTo(winners);
    }

    @Test
    void ofEightReplacementsOfTheSameSubscriptionExactlyOneWins() throws InterruptedException {
        Webhook deploy = hook("deploy");
        create(deploy);

        List<Webhook> stored = concurrently(8, t -> () -> {
            Webhook mine = deploy.withUrl(URI.create("https://hooks.example.com/" + t));
            try {
                change("deploy", deploy, new Mutation.PutWebhook(mine), Operations.WEBHOOK_UPDATED);
                return mine;
            } catch (ChangeConflictException e) {
                return null;
            }
        });

        List<Webhook> winners = stored.stream().filter(w -> w != null).collect(Collectors.toList());
        assertThat(winners).hasSize(1);
        assertThat(store().webhooks()).isEqualTo(winners);
    }
}
