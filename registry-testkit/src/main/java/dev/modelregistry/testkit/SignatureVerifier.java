package dev.modelregistry.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook request's signature as the Standard Webhooks specification describes it,
 * written from the specification and independently of the registry's signing code: the signed
 * content is {@code webhook-id + "." + webhook-timestamp + "." + body}; the key is the base64
 * decoding of the secret after its {@code whsec_} prefix; the signature header holds one or more
 * space-separated {@code v1,<base64 HMAC-SHA256>} values, any of which may match; and the timestamp
 * must be within the tolerance of now. Thread-safe.
 */
public final class SignatureVerifier {

    private final byte[] key;
    private final long toleranceSeconds;

    /** A verifier for {@code secret} ({@code whsec_...}) allowing five minutes of clock difference. */
    public SignatureVerifier(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.toleranceSeconds = 300;
    }

    /** Whether the headers sign the body and the timestamp is recent. */
    public boolean verify(String id, String timestamp, String signatureHeader, String body) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - seconds) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmac((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatureHeader.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
