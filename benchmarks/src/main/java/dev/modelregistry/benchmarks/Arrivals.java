package dev.modelregistry.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When each event (by source and id, read from its CloudEvents body) first arrived at a receiver. Thread-safe. */
final class Arrivals {

    private static final Pattern SOURCE = Pattern.compile("\"source\":\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]*)\"");
    private final Map<String, Long> first = new ConcurrentHashMap<>();

    void arrived(String body) {
        long now = System.nanoTime();
        Matcher source = SOURCE.matcher(body);
        Matcher id = ID.matcher(body);
        if (source.find() && id.find()) {
            first.putIfAbsent(source.group(1) + id.group(1), now);
        }
    }

    void clear() {
        first.clear();
    }

    long await(String key) throws InterruptedException {
        while (true) {
            Long at = first.get(key);
            if (at != null) {
                return at;
            }
            Thread.sleep(0, 100_000);
        }
    }
}
