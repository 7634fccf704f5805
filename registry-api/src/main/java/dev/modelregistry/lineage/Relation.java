package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import java.util.Locale;

/** How a version was derived from a parent version. */
public enum Relation {
    /** This version is the parent trained further on new data or a new task. */
    FINE_TUNED_FROM,
    /** This version was trained to imitate the parent (a teacher model). */
    DISTILLED_FROM,
    /** The parent is one of the members this version (an ensemble) combines. */
    ENSEMBLE_MEMBER_OF,
    /** This version was trained again from scratch in the parent's place, on newer data or code. */
    RETRAINED_FROM;

    /** The text form: {@code fine-tuned-from}, {@code distilled-from}, {@code ensemble-member-of}, {@code retrained-from}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The relation named by {@code text} (its text form, in any case).
     *
     * @throws InvalidInputException if no relation has that name
     */
    public static Relation parse(String text) {
        for (Relation relation : values()) {
            if (relation.text().equalsIgnoreCase(text)) {
                return relation;
            }
        }
        throw new InvalidInputException("parent relation", text,
                "not one of fine-tuned-from, distilled-from, ensemble-member-of, retrained-from");
    }
}
