package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.Gates;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/EVENTS.md and the code cannot drift: every event type has a section there whose example
 * has exactly the attributes and data fields that the code gives an event of that type, and the
 * document has no type the code does not know.
 */
class EventsDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTION = Pattern.compile("### `(dev\\.modelregistry\\.[a-z_.]+)`\\n(?:.*\\n)*?```json\\n((?:.*\\n)*?)```",
            Pattern.MULTILINE);
    /** Written only by schema migration 4, never by a running registry. */
    private static final Set<String> MIGRATION_ONLY = Set.of(RegistryEvent.TYPE_PREFIX + Operations.VERSION_DIGEST_CORRECTED);

    @Test
    void everyEventTypeIsDocumentedWithAnExampleOfExactlyItsFields() throws Exception {
        Map<String, JsonNode> documented = documented();
        Map<String, RegistryEvent> produced = oneOfEach();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(Events.TYPES);
        for (String type : Events.TYPES) {
            JsonNode example = documented.get(type);
            if (MIGRATION_ONLY.contains(type)) {
                assertThat(produced).doesNotContainKey(type);
                continue;
            }
            assertThat(produced).as("a scenario event of type %s", type).containsKey(type);
            JsonNode actual = JSON.readTree(produced.get(type).toJson());
            assertThat(names(example)).as("attributes of %s", type).isEqualTo(names(actual));
            assertThat(names(example.get("data"))).as("data of %s", type).isEqualTo(names(actual.get("data")));
            assertThat(example.get("type").asText()).isEqualTo(type);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Map<String, JsonNode> documented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "EVENTS.md"), StandardCharsets.UTF_8);
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(doc);
        while (m.find()) {
            assertThat(sections.put(m.group(1), JSON.readTree(m.group(2)))).as("one section for %s", m.group(1))
                    .isNull();
        }
        return sections;
    }

    /** Every kind of change a running registry makes, and the first event of each type it gave. */
    static Map<String, RegistryEvent> oneOfEach() {
        Lifecycle canary = Lifecycle.builder().stages("DRAFT", "LIVE", "RETIRED").initial("DRAFT")
                .allow("DRAFT", "LIVE").allow("LIVE", "RETIRED").exclusive("LIVE", "RETIRED").build();
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:30.123Z"), ZoneOffset.UTC);
        Map<String, RegistryEvent> events = new LinkedHashMap<>();
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        try (Registry custom = Registries.builder().metadataStore(store).artifactStore(new InMemoryArtifactStore())
                .lifecycle(canary).clock(clock).principal("alice").build()) {
            collect(custom, events);
        }
        try (Registry registry = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).clock(clock).principal("alice")
                .eventSource(URI.create("https://models.example.com/registry"))
                .gate(Stage.PRODUCTION, Gates.approvals(1)).build()) {
            registry.createModel("fraud-detector", "Scores card payments", Map.of("team", "risk"));
            registry.tagModel("fraud-detector", "owner", "risk-platform");
            ModelVersion v1 = registry.register("fraud-detector").content("model.onnx", new byte[] {1, 2, 3})
                    .param("max_depth", "6").metric("auc", 0.912).tag("dataset", "2026-11").commit();
            ModelVersion v2 = registry.register("fraud-detector").content("model.onnx", new byte[] {4, 5, 6})
                    .param("max_depth", "8").metric("auc", 0.931).commit();
            registry.tag(v2.ref(), "reviewed", "yes");
            registry.evaluate(v2.ref(), "holdout", Map.of("auc", 0.929), true, "2026-11 holdout, 1.2M rows");
            registry.transition(v1, Stage.STAGING, "shadow traffic");
            PromotionRequest request = registry.requestPromotion(v2.ref(), Stage.PRODUCTION, "beats v1 on holdout");
            registry.as("bob").approve("fraud-detector", request.id(), "checked the evaluation");
            registry.setAlias(v2.ref(), "champion");
            registry.setAlias(v1.ref(), "challenger");
            registry.removeAlias("fraud-detector", "challenger");
            Webhook hook = Webhook.to("deployer", URI.create("https://deploy.example.com/hooks/registry"))
                    .withEventTypes("dev.modelregistry.version.stage_changed").withModels("fraud-*");
            registry.deliveries().createWebhook(hook);
            registry.deliveries().updateWebhook(hook.withEnabled(false));
            registry.deliveries().removeWebhook("deployer");
            collect(registry, events);
        }
        try (Registry guarded = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).clock(clock).principal("alice")
                .accessPolicy(AccessPolicy.grants()).admin(Subject.user("alice")).build()) {
            guarded.createModel("risk/fraud-detector", "", Map.of());
            Grant reader = new Grant(Subject.group("risk-analysts"), Role.READER, Scope.namespace("risk"));
            guarded.access().grant(reader);
            guarded.access().revoke(reader);
            try {
                guarded.as("mallory").transition(VersionRef.of("risk/fraud-detector", 1), Stage.PRODUCTION, "");
            } catch (dev.modelregistry.AccessDeniedException expected) {
                // journaled as access.denied
            }
            collect(guarded, events);
        }
        return events;
    }

    private static void collect(Registry registry, Map<String, RegistryEvent> events) {
        for (JournalEntry entry : registry.journal().after(0, 1000)) {
            events.putIfAbsent(RegistryEvent.TYPE_PREFIX + entry.operation(),
                    Events.of(entry, "https://models.example.com/registry"));
        }
    }

    /** Prints one example of each type, as docs/EVENTS.md shows them. */
    public static void main(String[] args) throws Exception {
        for (RegistryEvent e : oneOfEach().values()) {
            System.out.println("### `" + e.type() + "`\n");
            System.out.println("```json\n" + JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JSON.readTree(e.toJson())) + "\n```\n");
        }
    }
}
