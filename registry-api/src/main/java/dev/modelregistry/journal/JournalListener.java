package dev.modelregistry.journal;

import java.util.List;

/** Is told about the entries of each change right after it commits; see {@link Journal#subscribe}. */
@FunctionalInterface
public interface JournalListener {

    /**
     * Called once per committed change with its entries, in sequence order.
     *
     * @param entries the change's entries, at least one
     */
    void committed(List<JournalEntry> entries);
}
