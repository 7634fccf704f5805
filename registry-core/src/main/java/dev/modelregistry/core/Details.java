package dev.modelregistry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.NewVersion;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The details of journal entries, as JSON objects (docs/JOURNAL.md lists them). Keys come in a
 * fixed order and maps sorted by key, so the same change always gives the same text.
 */
final class Details {


    private Details() {
    }

    static String modelCreated(String description, Map<String, String> tags, String createdBy) {
        ObjectNode o = Json.object();
        o.put("description", description);
        o.set("tags", strings(tags));
        o.put("createdBy", createdBy);
        return text(o);
    }

    static String versionRegistered(NewVersion v) {
        ObjectNode o = Json.object();
        o.put("stage", v.stage());
        o.put("digest", v.digest());
        o.put("createdBy", v.createdBy());
        o.put("description", v.description());
        o.set("params", strings(v.params()));
        ObjectNode metrics = o.putObject("metrics");
        new TreeMap<>(v.metrics()).forEach(metrics::put);
        o.set("tags", strings(v.tags()));
        o.put("fileCount", v.files().size());
        o.put("totalBytes", v.files().stream().mapToLong(FileEntry::size).sum());
        if (!v.lineage().text().isEmpty()) {
            o.set("lineage", parse(v.lineage().text()));
        }
        return text(o);
    }

    /** A requested move, naming the versions it displaced. */
    static String moved(String from, String to, String comment, Collection<Integer> displaced) {
        return text(movedNode(from, to, comment, displaced));
    }

    /** A rollback: a requested move that puts back the version before, marked so that a later rollback goes further back. */
    static String rolledBack(String from, String to, String comment, Collection<Integer> displaced) {
        return text(movedNode(from, to, comment, displaced).put(ROLLBACK, true));
    }

    /** An alias moved back by a rollback. */
    static String aliasRolledBack(String alias, Integer from, Integer to, String reason) {
        ObjectNode o = aliasNode(alias, from, to);
        o.put(ROLLBACK, true);
        o.put("reason", reason);
        return text(o);
    }

    /** The key that marks a rollback in a move's details. */
    static final String ROLLBACK = "rollback";

    /** Reads a journal entry's details. */
    static com.fasterxml.jackson.databind.JsonNode parse(String details) {
        try {
            return Json.read(details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("journal details are not JSON: " + details, e);
        }
    }

    private static ObjectNode movedNode(String from, String to, String comment, Collection<Integer> displaced) {
        ObjectNode o = move(from, to, comment);
        ArrayNode list = o.putArray("displaced");
        displaced.forEach(list::add);
        return o;
    }

    /** A displacement, naming the version that displaced it. */
    static String displaced(String from, String to, String comment, int by) {
        ObjectNode o = move(from, to, comment);
        o.put("displacedBy", by);
        return text(o);
    }

    /** One changed field: {@code description} or {@code tag:<key>}; null values mean "none". */
    static String changed(String field, String from, String to) {
        ObjectNode o = Json.object();
        o.put("field", field);
        o.put("old", from);
        o.put("new", to);
        return text(o);
    }

    /** A lifecycle recorded: its stages, initial stage, moves and exclusive stages. */
    static String lifecycleRecorded(dev.modelregistry.Lifecycle lifecycle) {
        ObjectNode o = Json.object();
        ArrayNode stages = o.putArray("stages");
        lifecycle.stages().forEach(st -> stages.add(st.name()));
        o.put("initial", lifecycle.initial().name());
        ArrayNode moves = o.putArray("moves");
        ObjectNode exclusive = o.putObject("exclusive");
        for (dev.modelregistry.Stage from : lifecycle.stages()) {
            for (dev.modelregistry.Stage to : lifecycle.stages()) {
                if (lifecycle.allows(from, to)) {
                    moves.add(from.name() + " -> " + to.name());
                }
            }
            lifecycle.displacementOf(from).ifPresent(to -> exclusive.put(from.name(), to.name()));
        }
        return text(o);
    }

    /** A promotion request opened. */
    static String requestOpened(int id, String to, String reason) {
        ObjectNode o = Json.object();
        o.put("request", id);
        o.put("to", to);
        o.put("reason", reason);
        return text(o);
    }

    /** A vote on a promotion request. */
    static String voted(int id, boolean approve, String comment) {
        ObjectNode o = Json.object();
        o.put("request", id);
        o.put("approve", approve);
        o.put("comment", comment);
        return text(o);
    }

    /** A promotion request ended. */
    static String requestClosed(int id, String status) {
        ObjectNode o = Json.object();
        o.put("request", id);
        o.put("status", status);
        return text(o);
    }

    /** An evaluation appended to a version. */
    static String evaluated(String name, Map<String, Double> metrics, boolean passed, String details) {
        ObjectNode o = Json.object();
        o.put("name", name);
        ObjectNode m = o.putObject("metrics");
        new TreeMap<>(metrics).forEach(m::put);
        o.put("passed", passed);
        o.put("details", details);
        return text(o);
    }

    /**
     * A webhook subscription created or changed: its name, the origin of its URL (scheme, host and
     * port; a path may hold a token, so it stays out of the journal), event types, model patterns,
     * whether enabled and whether private addresses are allowed, and whether the secret changed.
     * Never the secret.
     */
    static String webhook(dev.modelregistry.events.Webhook w, boolean secretChanged) {
        ObjectNode o = Json.object();
        o.put("name", w.name());
        o.put("url", WebhookRules.origin(w.url()));
        ArrayNode types = o.putArray("eventTypes");
        new TreeSet<>(w.eventTypes()).forEach(types::add);
        ArrayNode models = o.putArray("models");
        w.models().forEach(models::add);
        o.put("enabled", w.enabled());
        o.put("allowPrivateAddresses", w.allowPrivateAddresses());
        o.put("secretChanged", secretChanged);
        return text(o);
    }

    /** A webhook subscription removed. */
    static String webhookRemoved(String name) {
        ObjectNode o = Json.object();
        o.put("name", name);
        return text(o);
    }

    /** An alias set ({@code from} null), moved, or removed ({@code to} null). */
    static String aliasMoved(String alias, Integer from, Integer to) {
        return text(aliasNode(alias, from, to));
    }

    private static ObjectNode aliasNode(String alias, Integer from, Integer to) {
        ObjectNode o = Json.object();
        o.put("alias", alias);
        o.put("from", from);
        o.put("to", to);
        return o;
    }

    private static ObjectNode move(String from, String to, String comment) {
        ObjectNode o = Json.object();
        o.put("from", from);
        o.put("to", to);
        o.put("comment", comment);
        return o;
    }

    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode o = Json.object();
        new TreeMap<>(map).forEach(o::put);
        return o;
    }

    private static String text(ObjectNode o) {
        try {
            return Json.write(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers is always JSON", e);
        }
    }
}
