package dev.modelregistry.jdbc;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.spi.Mutation;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code webhooks} table: reads of webhook subscriptions, and the writes of
 * {@link Mutation.PutWebhook} and {@link Mutation.RemoveWebhook}, which run inside a change set's
 * transaction. The event types are stored as a set sorted by {@link String#compareTo}, the model
 * patterns as a list in their order, each element followed by a newline (see
 * {@code V10__deliveries.sql}).
 */
final class WebhookSql {

    private static final String COLUMNS = "webhook_name, url, secret, event_types, model_patterns, enabled,"
            + " allow_private_addresses";

    private static final RowMapper<Webhook> WEBHOOK = (rs, ctx) -> new Webhook(rs.getString(1),
            URI.create(rs.getString(2)), rs.getString(3), Set.copyOf(decode(rs.getString(4))), decode(rs.getString(5)),
            rs.getBoolean(6), rs.getBoolean(7));

    private WebhookSql() {
    }

    /** Every subscription, sorted by name in Java's order. */
    static List<Webhook> all(Handle h) {
        List<Webhook> all = new ArrayList<>(h.createQuery("SELECT " + COLUMNS + " FROM webhooks").map(WEBHOOK).list());
        all.sort(Comparator.comparing(Webhook::name));
        return all;
    }

    /**
     * The subscription of that name. Inside a change set's transaction nothing changes it before
     * the commit: webhook changes are registry-level, so they hold the journal head from their
     * checks on ({@link LockedModels#lock}).
     */
    static Optional<Webhook> find(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE webhook_name = :name")
                .bind("name", name)
                .map(WEBHOOK)
                .findOne();
    }

    /**
     * Stores the subscription, replacing the one of the same name.
     *
     * @throws RetryTransaction if another transaction inserted one of that name first (one whose
     *         change set had no precondition on it): the retry checks against it
     * @throws InvalidInputException if an event type or a model pattern contains a newline
     */
    static void put(Handle h, Mutation.PutWebhook m) {
        Webhook w = m.webhook();
        int updated = bind(h.createUpdate("UPDATE webhooks SET url = :url, secret = :secret, event_types = :types,"
                + " model_patterns = :patterns, enabled = :enabled, allow_private_addresses = :private"
                + " WHERE webhook_name = :name"), w).execute();
        if (updated == 0) {
            try {
                bind(h.createUpdate("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:name, :url, :secret, :types,"
                        + " :patterns, :enabled, :private)"), w).execute();
            } catch (JdbiException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new RetryTransaction(e);
                }
                throw e;
            }
        }
    }

    private static Update bind(Update update, Webhook w) {
        return update.bind("name", w.name())
                .bind("url", w.url().toString())
                .bind("secret", w.secret())
                .bind("types", encode("event type", new TreeSet<>(w.eventTypes())))
                .bind("patterns", encode("model pattern", w.models()))
                .bind("enabled", w.enabled())
                .bind("private", w.allowPrivateAddresses());
    }

    static void remove(Handle h, Mutation.RemoveWebhook m) {
        h.createUpdate("DELETE FROM webhooks WHERE webhook_name = :name").bind("name", m.name()).execute();
    }

    /** Each element followed by a newline, so that no list, not even one of one empty element, encodes like another. */
    static String encode(String what, Collection<String> elements) {
        StringBuilder text = new StringBuilder();
        for (String e : elements) {
            if (e.indexOf('\n') >= 0) {
                throw new InvalidInputException(what, e, "must not contain a line break");
            }
            text.append(e).append('\n');
        }
        return text.toString();
    }

    static List<String> decode(String text) {
        List<String> elements = new ArrayList<>();
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            elements.add(text.substring(start, end));
        }
        return List.copyOf(elements);
    }
}
