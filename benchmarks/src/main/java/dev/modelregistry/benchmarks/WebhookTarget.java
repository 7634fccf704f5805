package dev.modelregistry.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.modelregistry.Registry;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.Webhook;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP receiver on 127.0.0.1 answering 204; the plain side posts with an {@link HttpClient}. */
final class WebhookTarget implements DeliveryBenchmark.Target {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Arrivals arrivals = new Arrivals();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            arrivals.arrived(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public String prepare(Registry registry) {
        arrivals.clear();
        registry.deliveries().createWebhook(Webhook.to("bench", url()).withPrivateAddressesAllowed(true));
        return Deliveries.webhookConsumer("bench");
    }

    @Override
    public Dispatcher start(Registry registry) {
        return registry.deliveries().startWebhooks(DeliveryOptions.defaults());
    }

    @Override
    public void sendPlain(RegistryEvent event) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url()).header("webhook-id", event.id())
                .header("content-type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(event.toJson(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("receiver answered " + r.statusCode());
        }
    }

    @Override
    public long awaitArrival(String id) throws InterruptedException {
        return arrivals.await(id);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
