package dev.modelregistry.core;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a response body keeping only its first bytes (for an error message) and discarding the
 * rest, so a receiver cannot make the registry hold a large answer in memory.
 */
final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {

    static final int KEPT = 1024;

    private final byte[] kept = new byte[KEPT];
    private int length;

    /** A body handler that keeps the first {@value #KEPT} bytes as UTF-8 text. */
    static HttpResponse.BodyHandler<String> handler() {
        return info -> {
            BoundedBody body = new BoundedBody();
            return HttpResponse.BodySubscribers.fromSubscriber(body, BoundedBody::text);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), KEPT - length);
            b.get(kept, length, n);
            length += n;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // the response future completes exceptionally; nothing to keep
    }

    @Override
    public void onComplete() {
        // text() reads what was kept
    }

    private String text() {
        return new String(kept, 0, length, StandardCharsets.UTF_8);
    }
}
