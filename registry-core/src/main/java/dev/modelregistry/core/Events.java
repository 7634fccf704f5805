package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Turns journal entries into their public event form (docs/EVENTS.md). */
final class Events {


    /** Every event type, one per journal operation. */
    static final SortedSet<String> TYPES = types();

    private Events() {
    }

    /**
     * The event of {@code entry}: its data is {@code model} (null for a change of the registry),
     * {@code version} (null for a change of a model or the registry), {@code principal},
     * {@code requestId}, then every field of the entry's details.
     */
    static RegistryEvent of(JournalEntry entry, String source) {
        ObjectNode data = Json.object();
        if (entry.model().isEmpty()) {
            data.putNull("model");
        } else {
            data.put("model", entry.model());
        }
        if (entry.version() == 0) {
            data.putNull("version");
        } else {
            data.put("version", entry.version());
        }
        data.put("principal", entry.principal());
        data.put("requestId", entry.requestId());
        JsonNode details = Details.parse(entry.details());
        details.fields().forEachRemaining(f -> data.set(f.getKey(), f.getValue()));
        return new RegistryEvent(entry.sequence(), source, RegistryEvent.TYPE_PREFIX + entry.operation(), entry.at(),
                entry.model(), entry.version(), data.toString());
    }

    private static SortedSet<String> types() {
        Set<String> operations = Operations.all();
        SortedSet<String> types = new TreeSet<>();
        operations.forEach(op -> types.add(RegistryEvent.TYPE_PREFIX + op));
        return Collections.unmodifiableSortedSet(types);
    }
}
