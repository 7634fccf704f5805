package dev.modelregistry.journal;

/**
 * The operations a journal entry records ({@link JournalEntry#operation()}); docs/JOURNAL.md lists
 * the details of each.
 */
public final class Operations {

    /** A model was created, explicitly or by the registration of its first version. */
    public static final String MODEL_CREATED = "model.created";

    /** A model's description or tags changed. */
    public static final String MODEL_UPDATED = "model.updated";

    /** A version was registered. */
    public static final String VERSION_REGISTERED = "version.registered";

    /** A version moved to another stage, by request or displaced by another version. */
    public static final String VERSION_STAGE_CHANGED = "version.stage_changed";

    /** A version's description or tags changed. */
    public static final String VERSION_UPDATED = "version.updated";

    /** An evaluation was appended to a version. */
    public static final String VERSION_EVALUATED = "version.evaluated";

    /**
     * A registry recorded its lifecycle in the store (the entry's model is the empty name: it is
     * about the registry).
     */
    public static final String LIFECYCLE_RECORDED = "lifecycle.recorded";

    /** A promotion request was opened for a version. */
    public static final String REQUEST_OPENED = "request.opened";

    /** A principal voted on a promotion request. */
    public static final String REQUEST_VOTED = "request.voted";

    /** A promotion request ended: its move happened, or it was rejected. */
    public static final String REQUEST_CLOSED = "request.closed";

    /** An alias was set on a version, or moved to it from another version. */
    public static final String ALIAS_SET = "alias.set";

    /** An alias was removed from the version it pointed at. */
    public static final String ALIAS_REMOVED = "alias.removed";

    /**
     * A version's digest and file order were corrected by a schema migration (details: the old and
     * the new digest, and why); its files did not change.
     */
    public static final String VERSION_DIGEST_CORRECTED = "version.digest_corrected";

    /** A role was granted (docs/ACCESS.md). */
    public static final String ACCESS_GRANTED = "access.granted";

    /** A role was revoked. */
    public static final String ACCESS_REVOKED = "access.revoked";

    /**
     * An operation was refused by access control; the entry names who tried, and its details what
     * and why. Nothing else changed.
     */
    public static final String ACCESS_DENIED = "access.denied";

    /**
     * Access control was configured: the entry records the registry's policy and its configured
     * administrators, when they differ from those recorded before.
     */
    public static final String ACCESS_CONFIGURED = "access.configured";

    private Operations() {
    }

    /** A webhook subscription was created; its details leave out the secret. */
    public static final String WEBHOOK_CREATED = "webhook.created";

    /** A webhook subscription was changed; its details leave out the secret. */
    public static final String WEBHOOK_UPDATED = "webhook.updated";

    /** A webhook subscription was removed. */
    public static final String WEBHOOK_REMOVED = "webhook.removed";

    /** Every operation above, sorted. */
    public static java.util.SortedSet<String> all() {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        for (java.lang.reflect.Field field : Operations.class.getFields()) {
            if (field.getType() == String.class) {
                try {
                    all.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("a public constant is readable", e);
                }
            }
        }
        return java.util.Collections.unmodifiableSortedSet(all);
    }
}
