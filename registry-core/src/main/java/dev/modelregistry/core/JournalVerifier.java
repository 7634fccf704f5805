package dev.modelregistry.core;

import dev.modelregistry.access.Grant;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalReport.Kind;
import dev.modelregistry.journal.JournalReport.Problem;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.JournalHead;
import dev.modelregistry.spi.JournalReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the journal's hash chain in pages and diagnoses the first break (docs/JOURNAL.md, "Verifying"),
 * and has an {@link AuthorizationAudit} check each intact entry's authorization on the way:
 * <ul>
 *   <li>a gap in the sequence, or a head beyond the last entry: REMOVED;
 *   <li>an entry beyond the head recorded when the walk began, if the head has not reached it since
 *       (else it is a change committed during the walk, which the next walk checks): INSERTED;
 *   <li>an entry whose hash does not match its content, while it links to the entry before: ALTERED;
 *   <li>an entry that does not link to the entry before, whose previous hash is that of the entry two
 *       before: the entry before was INSERTED; that of a later entry: it is REORDERED; that of no
 *       entry: the entry before was ALTERED (rewritten with a new hash) if this one is intact,
 *       else entries before it were REMOVED and the rest renumbered.
 * </ul>
 */
final class JournalVerifier {

    private static final int PAGE = 1_000;

    private final JournalReader reader;
    private final dev.modelregistry.spi.AccessReader grants;
    private final AuthorizationAudit audit = new AuthorizationAudit();

    JournalVerifier(JournalReader reader, dev.modelregistry.spi.AccessReader grants) {
        this.reader = reader;
        this.grants = grants;
    }

    JournalReport verify() {
        // Entries up to the head read first are committed; later ones may be committing now.
        JournalHead head = reader.journalHead();
        long checked = 0;
        JournalEntry beforePrevious = null;
        JournalEntry previous = null;
        JournalEntry beyond = null;
        walk:
        while (true) {
            List<JournalEntry> page = reader.journal(previous == null ? 0 : previous.sequence(), PAGE);
            for (JournalEntry e : page) {
                long expected = previous == null ? 1 : previous.sequence() + 1;
                if (e.sequence() == expected && expected > head.sequence()) {
                    beyond = e;
                    break walk;
                }
                checked++;
                Optional<Problem> problem = check(e, expected, previous, beforePrevious);
                if (problem.isPresent()) {
                    return new JournalReport(checked, head.sequence(), problem, audit.unauthorized());
                }
                audit.check(e);
                beforePrevious = previous;
                previous = e;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        long last = previous == null ? 0 : previous.sequence();
        String lastHash = previous == null ? JournalHashes.GENESIS : previous.hash();
        if (last < head.sequence()) {
            return new JournalReport(checked, head.sequence(), Optional.of(new Problem(last + 1, Kind.REMOVED,
                    "the head records entry " + head.sequence() + " but the journal ends at " + last)),
                    audit.unauthorized());
        }
        if (!lastHash.equals(head.hash())) {
            return new JournalReport(checked, head.sequence(), Optional.of(new Problem(last, Kind.ALTERED,
                    "entry " + last + " has hash " + lastHash + " but the head records " + head.hash())),
                    audit.unauthorized());
        }
        // An entry past the head is a later commit if the head has moved on to it since, else planted.
        if (beyond != null && reader.journalHead().sequence() < beyond.sequence()) {
            return new JournalReport(checked, head.sequence(), Optional.of(new Problem(beyond.sequence(),
                    Kind.INSERTED, "entry " + beyond.sequence() + " lies beyond the recorded head " + head.sequence())),
                    audit.unauthorized());
        }
        List<Problem> unauthorized = new ArrayList<>(audit.unauthorized());
        // The stored grants are compared only if no change committed meanwhile, which could make them differ.
        List<Grant> stored = grants.grants();
        if (reader.journalHead().sequence() == head.sequence()) {
            unauthorized.addAll(audit.compare(stored, head.sequence()));
        }
        return new JournalReport(checked, head.sequence(), Optional.empty(), unauthorized);
    }

    private Optional<Problem> check(JournalEntry e, long expected, JournalEntry previous, JournalEntry beforePrevious) {
        if (e.sequence() != expected) {
            return problem(expected, Kind.REMOVED, "the journal jumps from entry " + (expected - 1) + " to "
                    + e.sequence());
        }
        String expectedPrevious = previous == null ? JournalHashes.GENESIS : previous.hash();
        boolean intact = JournalHashes.hashOf(e).equals(e.hash());
        if (e.previousHash().equals(expectedPrevious)) {
            return intact ? Optional.empty() : problem(e.sequence(), Kind.ALTERED,
                    "entry " + e.sequence() + " does not match its hash " + e.hash());
        }
        String beforeHash = beforePrevious == null ? JournalHashes.GENESIS : beforePrevious.hash();
        if (previous != null && e.previousHash().equals(beforeHash)) {
            return problem(previous.sequence(), Kind.INSERTED, "entry " + e.sequence()
                    + " follows entry " + (previous.sequence() - 1) + " in the chain, so entry "
                    + previous.sequence() + " was put between them");
        }
        Optional<JournalEntry> linked = reader.journalEntryWithHash(e.previousHash());
        if (linked.isPresent() && linked.get().sequence() > e.sequence()) {
            return problem(e.sequence(), Kind.REORDERED, "entry " + e.sequence() + " follows entry "
                    + linked.get().sequence() + " in the chain but is stored before it");
        }
        if (linked.isPresent()) {
            return problem(e.sequence(), Kind.REORDERED, "entry " + e.sequence() + " follows entry "
                    + linked.get().sequence() + " in the chain, not entry " + (e.sequence() - 1));
        }
        if (intact && previous != null) {
            return problem(previous.sequence(), Kind.ALTERED, "entry " + e.sequence()
                    + " follows an entry with hash " + e.previousHash() + ", but entry " + previous.sequence()
                    + " has hash " + previous.hash() + ": it was rewritten");
        }
        return problem(e.sequence(), Kind.REMOVED, "entry " + e.sequence() + " follows an entry with hash "
                + e.previousHash() + " that is no longer in the journal");
    }

    private static Optional<Problem> problem(long sequence, Kind kind, String message) {
        return Optional.of(new Problem(sequence, kind, message));
    }
}
