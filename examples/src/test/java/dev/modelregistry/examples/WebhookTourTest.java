package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookTourTest {

    @Test
    void theReceiverGetsThePromotionOnceVerified() throws Exception {
        assertThat(WebhookTour.run()).singleElement().satisfies(body -> assertThat(body)
                .contains("\"type\":\"dev.modelregistry.version.stage_changed\"")
                .contains("\"subject\":\"fraud-detector@1\"").contains("\"to\":\"PRODUCTION\""));
    }
}
