package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.testkit.StoreOps;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How event types and model patterns are stored as text, and what the encoding cannot hold. */
class WebhookSqlTest {

    @Test
    void everyListEncodesDifferentlyAndDecodesToItself() {
        List<List<String>> lists = List.of(List.of(), List.of(""), List.of("", ""), List.of("a"), List.of("a", ""),
                List.of("", "a"), List.of("b*", "a", "*"), List.of("a b", " ", "é漢"));

        assertThat(lists.stream().map(l -> WebhookSql.encode("x", l)).distinct()).hasSize(lists.size());
        for (List<String> list : lists) {
            assertThat(WebhookSql.decode(WebhookSql.encode("x", list))).as("%s", list).isEqualTo(list);
        }
        assertThat(WebhookSql.encode("x", List.of("a", "b"))).isEqualTo("a\nb\n");
    }

    @Test
    void aTypeOrPatternWithALineBreakIsRefusedAndNothingIsStored() {
        try (JdbcMetadataStore store = JdbcMetadataStore.h2InMemory()) {
            Webhook hook = Webhook.to("deploy", URI.create("https://hooks.example.com/x"));
            for (Webhook bad : List.of(hook.withEventTypes("a\nb"), hook.withModels("ok", "fraud\n"))) {
                assertThatThrownBy(() -> store.apply(StoreOps.changeSet("admin", Instant.EPOCH,
                        List.of(new Precondition.WebhookIs("deploy", null)), List.of(new Mutation.PutWebhook(bad)),
                        List.of(EntryDraft.of("webhook.created", Target.model(""), "{}")))))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line break");
            }

            assertThat(store.webhooks()).isEmpty();
            assertThat(store.journalHead().sequence()).isZero();
        }
    }
}
