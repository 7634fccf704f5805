package dev.modelregistry.testkit;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalQuery;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one table of who may call what: every public operation of the registry, the {@link Action}
 * it is checked as, and where (a model, the namespace of a model being created, the registry); and
 * the holders a test puts a principal in. {@link AccessContract} runs every operation as every
 * holder on every backend, and docs/ACCESS.md shows {@link #markdown()}, which a test compares with
 * the page, so the page, the test and the code cannot drift.
 */
public final class AccessMatrix {

    private AccessMatrix() {
    }

    /** Where an operation is checked, and what a grant must cover to allow it. */
    public enum Target {
        /** The model the operation is about. */
        MODEL,
        /** The namespace of the model the operation creates. */
        NAMESPACE,
        /** The registry as a whole. */
        REGISTRY
    }

    /**
     * What one test case works on: a model {@code namespace/m} with three versions (v1 archived
     * and v2 in PRODUCTION, by two promotions, so a rollback has somewhere to go; v3 new), the alias
     * {@code champion} moved from v1 to v2, a tag {@code k} on the model and on v1, two pending
     * requests to promote v3 to STAGING, a READER grant to revoke, and a webhook.
     */
    public record Fixture(String namespace, String model, ModelVersion v1, ModelVersion v2, ModelVersion v3,
                          int request, int otherRequest, Grant revocable, String webhook) {
    }

    /** An operation a principal calls through its view of the registry. */
    @FunctionalInterface
    public interface Call {
        void on(Registry registry, Fixture fixture) throws Exception;
    }

    /**
     * One public operation.
     *
     * @param name   how docs/ACCESS.md names it
     * @param action what it is checked as
     * @param target where
     * @param call   a call of it that succeeds on a {@link Fixture} when allowed
     */
    public record Operation(String name, Action action, Target target, Call call) {
    }

    /**
     * A principal's standing in a test case: the role it holds and on what (nothing for
     * {@link #NONE}), given directly, through a group, or by configuration.
     */
    public enum Holder {
        NONE("no grant", null, Target.MODEL),
        READER("READER on the model", Role.READER, Target.MODEL),
        CONTRIBUTOR("CONTRIBUTOR on the model", Role.CONTRIBUTOR, Target.MODEL),
        PROMOTER("PROMOTER on the model", Role.PROMOTER, Target.MODEL),
        OWNER("OWNER of the model", Role.OWNER, Target.MODEL),
        GROUP_PROMOTER("PROMOTER through a group", Role.PROMOTER, Target.MODEL),
        NAMESPACE_CONTRIBUTOR("CONTRIBUTOR on the namespace", Role.CONTRIBUTOR, Target.NAMESPACE),
        NAMESPACE_OWNER("OWNER of the namespace", Role.OWNER, Target.NAMESPACE),
        ADMIN("ADMIN (granted)", Role.ADMIN, Target.REGISTRY),
        CONFIGURED_ADMIN("configured admin", Role.ADMIN, Target.REGISTRY);

        private final String label;
        private final Role role;
        private final Target on;

        Holder(String label, Role role, Target on) {
            this.label = label;
            this.role = role;
            this.on = on;
        }

        /** How docs/ACCESS.md heads its column. */
        public String label() {
            return label;
        }

        /**
         * Whether a principal holding this may perform {@code operation}: its role includes the
         * action's, and what it holds covers where the operation is checked (the registry covers
         * everything, a namespace its models and itself, a model only itself).
         */
        public boolean allows(Operation operation) {
            if (role == null || !role.includes(operation.action().role())) {
                return false;
            }
            switch (on) {
                case REGISTRY:
                    return true;
                case NAMESPACE:
                    return operation.target() != Target.REGISTRY;
                default:
                    return operation.target() == Target.MODEL;
            }
        }

        /** The grant that puts {@code principal} in this standing on the fixture, or null for none or a configured admin. */
        public Grant grant(Principal principal, Fixture f) {
            if (role == null || this == CONFIGURED_ADMIN) {
                return null;
            }
            Subject subject = this == GROUP_PROMOTER ? Subject.group(principal.groups().iterator().next())
                    : principal.subject();
            Scope scope = on == Target.REGISTRY ? Scope.registry()
                    : on == Target.NAMESPACE ? Scope.namespace(f.namespace()) : Scope.model(f.model());
            return new Grant(subject, role, scope);
        }
    }

    /** Every public operation, in the order docs/ACCESS.md lists them. */
    public static final List<Operation> OPERATIONS = List.of(
            read("model", (r, f) -> r.model(f.model())),
            read("version", (r, f) -> r.version(f.model(), 1)),
            read("latest", (r, f) -> r.latest(f.model())),
            read("find", (r, f) -> r.find(f.model(), Stage.PRODUCTION)),
            read("versions", (r, f) -> r.versions(f.model())),
            read("resolve", (r, f) -> r.resolve(f.model() + "@champion")),
            read("history", (r, f) -> r.history(f.v1().ref())),
            read("changes", (r, f) -> r.changes(f.v1().ref())),
            read("modelChanges", (r, f) -> r.modelChanges(f.model())),
            read("open", (r, f) -> {
                try (InputStream in = r.open(f.v1(), "model.bin")) {
                    in.readAllBytes();
                }
            }),
            read("copyTo", (r, f) -> r.copyTo(f.v1(), Files.createTempDirectory("copy").resolve("out"))),
            read("evaluations", (r, f) -> r.evaluations(f.v1().ref())),
            read("aliases", (r, f) -> r.aliases(f.model())),
            read("aliasesOf", (r, f) -> r.aliasesOf(f.v2().ref())),
            read("promotionRequest", (r, f) -> r.promotionRequest(f.model(), f.request())),
            read("pendingRequests", (r, f) -> r.pendingRequests(f.model())),
            read("watch", (r, f) -> r.watch(f.model() + "@PRODUCTION", u -> { }).close()),
            read("lineage().of", (r, f) -> r.lineage().of(f.v1().ref())),
            read("lineage().upstream", (r, f) -> r.lineage().upstream(f.v1().ref(), 1)),
            read("lineage().downstream", (r, f) -> r.lineage().downstream(f.v1().ref(), 1)),
            read("lineage().diff", (r, f) -> r.lineage().diff(f.v1().ref(), f.v2().ref())),
            read("lineage().modelCard", (r, f) -> r.lineage().modelCard(f.v1().ref())),
            read("journal().query on the model", (r, f) -> r.journal().query(JournalQuery.all().withModel(f.model()))),
            op("register (existing model)", Action.REGISTER, Target.MODEL,
                    (r, f) -> r.register(f.model()).content("model.bin", bytes("new")).commit()),
            op("describeModel", Action.EDIT, Target.MODEL, (r, f) -> r.describeModel(f.model(), "described")),
            op("tagModel", Action.EDIT, Target.MODEL, (r, f) -> r.tagModel(f.model(), "team", "risk")),
            op("untagModel", Action.EDIT, Target.MODEL, (r, f) -> r.untagModel(f.model(), "k")),
            op("describe", Action.EDIT, Target.MODEL, (r, f) -> r.describe(f.v1().ref(), "described")),
            op("tag", Action.EDIT, Target.MODEL, (r, f) -> r.tag(f.v1().ref(), "team", "risk")),
            op("untag", Action.EDIT, Target.MODEL, (r, f) -> r.untag(f.v1().ref(), "k")),
            op("evaluate", Action.EVALUATE, Target.MODEL,
                    (r, f) -> r.evaluate(f.v1().ref(), "holdout", Map.of("auc", 0.9), true, "")),
            op("requestPromotion", Action.REQUEST_PROMOTION, Target.MODEL,
                    (r, f) -> r.requestPromotion(f.v3().ref(), Stage.STAGING, "ready")),
            op("transition", Action.TRANSITION, Target.MODEL,
                    (r, f) -> r.transition(f.v3(), Stage.STAGING, "try it")),
            op("setAlias", Action.ALIAS, Target.MODEL, (r, f) -> r.setAlias(f.v3().ref(), "candidate")),
            op("removeAlias", Action.ALIAS, Target.MODEL, (r, f) -> r.removeAlias(f.model(), "champion")),
            op("approve", Action.VOTE, Target.MODEL, (r, f) -> r.approve(f.model(), f.request(), "ok")),
            op("reject", Action.VOTE, Target.MODEL, (r, f) -> r.reject(f.model(), f.otherRequest(), "no")),
            op("rollback", Action.ROLLBACK, Target.MODEL, (r, f) -> r.rollback(f.model(), Stage.PRODUCTION, "bad")),
            op("rollbackAlias", Action.ROLLBACK, Target.MODEL, (r, f) -> r.rollbackAlias(f.model(), "champion", "bad")),
            op("access().grant on the model", Action.MANAGE_ACCESS, Target.MODEL,
                    (r, f) -> r.access().grant(Subject.user("newcomer"), Role.READER, Scope.model(f.model()))),
            op("access().revoke on the model", Action.MANAGE_ACCESS, Target.MODEL,
                    (r, f) -> r.access().revoke(f.revocable())),
            op("access().grantsOn the model", Action.MANAGE_ACCESS, Target.MODEL,
                    (r, f) -> r.access().grantsOn(Scope.model(f.model()))),
            op("createModel", Action.CREATE_MODEL, Target.NAMESPACE,
                    (r, f) -> r.createModel(f.namespace() + "/created", "", Map.of())),
            op("register (new model)", Action.CREATE_MODEL, Target.NAMESPACE,
                    (r, f) -> r.register(f.namespace() + "/fresh").content("model.bin", bytes("fresh")).commit()),
            op("access().grant on the namespace", Action.MANAGE_ACCESS, Target.NAMESPACE,
                    (r, f) -> r.access().grant(Subject.group("newcomers"), Role.READER, Scope.namespace(f.namespace()))),
            op("access().grant ADMIN", Action.AUDIT, Target.REGISTRY,
                    (r, f) -> r.access().grant(Subject.user("newcomer-" + f.namespace()), Role.ADMIN, Scope.registry())),
            op("deliveries().createWebhook", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().createWebhook(webhook(f.webhook() + "-new"))),
            op("deliveries().updateWebhook", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().updateWebhook(webhook(f.webhook()).withEnabled(false))),
            op("deliveries().removeWebhook", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().removeWebhook(f.webhook())),
            op("deliveries().webhooks", Action.MANAGE_WEBHOOKS, Target.REGISTRY, (r, f) -> r.deliveries().webhooks()),
            op("deliveries().webhook", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().webhook(f.webhook())),
            op("deliveries().status", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().status(Deliveries.webhookConsumer(f.webhook()))),
            op("deliveries().log", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().log(Deliveries.webhookConsumer(f.webhook()), 0, 10)),
            op("deliveries().outcome", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().outcome(Deliveries.webhookConsumer(f.webhook()), 1)),
            op("deliveries().resume", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().resume(Deliveries.webhookConsumer(f.webhook()))),
            op("deliveries().replay", Action.MANAGE_WEBHOOKS, Target.REGISTRY,
                    (r, f) -> r.deliveries().replay(Deliveries.webhookConsumer(f.webhook()), 0)),
            op("journal().verify", Action.AUDIT, Target.REGISTRY, (r, f) -> r.journal().verify()),
            op("journal().export", Action.AUDIT, Target.REGISTRY,
                    (r, f) -> r.journal().export(JournalQuery.all(), new ByteArrayOutputStream())),
            op("as (another principal, from a view)", Action.ACT_AS, Target.REGISTRY,
                    (r, f) -> r.as(Principal.user("someone-else"))),
            op("register with createdBy (another principal)", Action.ACT_AS, Target.REGISTRY,
                    (r, f) -> r.register(f.model()).content("model.bin", bytes("credited")).createdBy("someone-else")
                            .commit()));

    private static Operation read(String name, Call call) {
        return new Operation(name, Action.READ, Target.MODEL, call);
    }

    private static Operation op(String name, Action action, Target target, Call call) {
        return new Operation(name, action, target, call);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Webhook webhook(String name) {
        return Webhook.to(name, URI.create("https://hooks.example.com/" + name));
    }

    /** The table docs/ACCESS.md shows between its {@code matrix} markers: one row per operation, one column per holder. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        StringJoiner head = new StringJoiner(" | ", "| ", " |\n");
        StringJoiner rule = new StringJoiner(" | ", "| ", " |\n");
        head.add("operation").add("checked as").add("on");
        rule.add("---").add("---").add("---");
        for (Holder h : Holder.values()) {
            head.add(h.label());
            rule.add(":-:");
        }
        md.append(head).append(rule);
        for (Operation o : OPERATIONS) {
            StringJoiner row = new StringJoiner(" | ", "| ", " |\n");
            row.add("`" + o.name() + "`").add(o.action() + " (" + o.action().role() + ")")
                    .add(o.target().name().toLowerCase(java.util.Locale.ROOT));
            for (Holder h : Holder.values()) {
                row.add(h.allows(o) ? "yes" : "—");
            }
            md.append(row);
        }
        return md.toString();
    }
}
