package dev.modelregistry.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.events.RegistryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutingKeysTest {

    private static RegistryEvent event(String type, String model) {
        return new RegistryEvent(1, "urn:test", type, Instant.EPOCH, model, 0, "{}");
    }

    @Test
    void keyIsTheOperationThenTheModel() {
        assertThat(RoutingKeys.of(event("dev.modelregistry.version.stage_changed", "fraud-detector")))
                .isEqualTo("version.stage_changed.fraud-detector");
    }

    @Test
    void aNamespaceSlashStaysAndDotsInTheModelAreEscapedSoTheModelIsOneWord() {
        assertThat(RoutingKeys.of(event("dev.modelregistry.version.registered", "risk/fraud.v2_b-1")))
                .isEqualTo("version.registered.risk/fraud%2Ev2_b-1");
    }

    @Test
    void wildcardsPercentSpacesTildeAndNonAsciiAreEscapedAsUtf8Bytes() {
        assertThat(RoutingKeys.escape("a*b#c%d e~f")).isEqualTo("a%2Ab%23c%25d%20e%7Ef");
        assertThat(RoutingKeys.escape("modèle")).isEqualTo("mod%C3%A8le");
        assertThat(RoutingKeys.escape("x\uD83D\uDE00")).isEqualTo("x%F0%9F%98%80");
    }

    @Test
    void aChangeOfTheRegistryItselfHasTheModelWordUnderscore() {
        assertThat(RoutingKeys.of(event("dev.modelregistry.webhook.created", ""))).isEqualTo("webhook.created._");
    }

    @Test
    void aTypeWithoutThePrefixIsUsedWhole() {
        assertThat(RoutingKeys.of(event("com.example.thing", "m"))).isEqualTo("com.example.thing.m");
    }

    @Test
    void anOverlongKeyIsCutBetweenEscapesAndEndsWithAHashOfTheName() {
        String model = "a.".repeat(63) + "a";      // 127 characters, 63 dots: 253 bytes escaped
        String key = RoutingKeys.of(event("dev.modelregistry.version.stage_changed", model));

        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RoutingKeys.MAX_BYTES);
        assertThat(key).startsWith("version.stage_changed.a%2Ea%2E").matches(".*[^%][^%]~[0-9a-f]{8}");
        String other = RoutingKeys.of(event("dev.modelregistry.version.stage_changed", model.replaceFirst("a$", "b")));
        assertThat(other).isNotEqualTo(key).hasSameSizeAs(key);
    }

    @Test
    void keysWithinTheLimitAreNeverCut() {
        String model = "m".repeat(128);
        assertThat(RoutingKeys.of(event("dev.modelregistry.version.digest_corrected", model)))
                .isEqualTo("version.digest_corrected." + model);
    }
}
