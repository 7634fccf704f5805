package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parts of webhook delivery that have a published reference: the signature, Retry-After, address classes. */
class WebhookSigningTest {

    @Test
    void theSignatureMatchesTheStandardWebhooksSpecificationExample() {
        byte[] key = WebhookRules.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(WebhookSink.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}"))
                .isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(WebhookSink.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSink.retryAfter("Thu, 03 Dec 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(WebhookSink.retryAfter("Thu, 03 Dec 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(WebhookSink.retryAfter("soon", now)).isNull();
        assertThat(WebhookSink.retryAfter("-5", now)).isNull();
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
                "fd12:3456::1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a00:1::5", "::10.0.0.1",
                "fec0::1", "192.0.2.1", "198.51.100.7", "203.0.113.5", "192.0.0.8"}) {
            assertThat(WebhookRules.isPublic(InetAddress.getByName(internal))).as(internal).isFalse();
        }
        for (String external : new String[] {"8.8.8.8", "1.1.1.1", "100.128.0.1", "2001:4860:4860::8888", "64:ff9b::808:808",
                "2002:808:808::1"}) {
            assertThat(WebhookRules.isPublic(InetAddress.getByName(external))).as(external).isTrue();
        }
    }
}
