package dev.modelregistry.core;

import dev.modelregistry.Limits;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The change sets of description and tag edits, the same for models and versions. An edit that
 * would change nothing (the same description, the same tag value, removing an absent tag) writes
 * nothing and journals nothing.
 */
final class Edits {

    private Edits() {
    }

    /** The mutable fields of a model or version as the core read them. */
    record Current(Target target, String description, Map<String, String> tags) {
    }

    static <T> Writer.Decision<T> describe(Writer.Stamp stamp, Current current, String description, T unchanged,
                                           Supplier<T> reread) {
        if (current.description().equals(description)) {
            return Writer.Decision.unchanged(unchanged);
        }
        return stamp.change(List.of(new Precondition.DescriptionIs(current.target(), current.description())),
                List.of(new Mutation.SetDescription(current.target(), current.description(), description)),
                List.of(entry(current.target(), "description", current.description(), description)),
                applied -> reread.get());
    }

    /** Sets ({@code value} not null) or removes a tag; setting a new key checks the tag limit. */
    static <T> Writer.Decision<T> tag(Writer.Stamp stamp, Current current, String key, String value, T unchanged,
                                      Supplier<T> reread) {
        String old = current.tags().get(key);
        if (Objects.equals(old, value)) {
            return Writer.Decision.unchanged(unchanged);
        }
        List<Precondition> preconditions = List.of(new Precondition.TagIs(current.target(), key, old));
        if (old == null) {
            Map<String, String> after = new HashMap<>(current.tags());
            after.put(key, value);
            Validation.entryCount("tag", after);
            preconditions = List.of(preconditions.get(0),
                    new Precondition.TagsFit(current.target(), Set.of(key), Limits.ENTRIES));
        }
        return stamp.change(preconditions, List.of(new Mutation.SetTag(current.target(), key, old, value)),
                List.of(entry(current.target(), "tag:" + key, old, value)), applied -> reread.get());
    }

    private static EntryDraft entry(Target target, String field, String from, String to) {
        String operation = target.isVersion() ? Operations.VERSION_UPDATED : Operations.MODEL_UPDATED;
        return EntryDraft.of(operation, target, Details.changed(field, from, to));
    }
}
