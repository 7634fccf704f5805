package dev.modelregistry;

/**
 * The size limits the registry enforces on input; larger input gets an {@link InvalidInputException}.
 * They keep one registration from bloating the metadata database and are the same on every backend.
 */
public final class Limits {

    /** Longest model name, including an optional {@code namespace/} prefix. */
    public static final int MODEL_NAME_LENGTH = 128;
    /** Longest segment of a model name (the namespace or the name proper). */
    public static final int MODEL_NAME_SEGMENT_LENGTH = 64;
    /** Longest description of a model or version, in characters. */
    public static final int DESCRIPTION_LENGTH = 16_384;
    /** Longest key of a param, metric or tag. */
    public static final int KEY_LENGTH = 250;
    /** Longest value of a param or tag. */
    public static final int VALUE_LENGTH = 6_000;
    /** Most params, most metrics and most tags on one version (each). */
    public static final int ENTRIES = 1_000;
    /** Longest file path inside a version, in characters. */
    public static final int PATH_LENGTH = 1_024;
    /** Longest single segment of a file path. */
    public static final int PATH_SEGMENT_LENGTH = 255;
    /** Most files in one version. */
    public static final int FILES = 100_000;
    /**
     * Longest principal (actor) name, and longest id a principal is journaled by: a service's id,
     * {@code service:name}, must fit too, so a service's name is at most 120 characters.
     */
    public static final int PRINCIPAL_LENGTH = 128;
    /** Longest alias, in characters. */
    public static final int ALIAS_LENGTH = 64;
    /** Longest transition comment. */
    public static final int COMMENT_LENGTH = 4_096;

    private Limits() {
    }
}
