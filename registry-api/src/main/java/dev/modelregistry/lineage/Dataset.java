package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A dataset a version was trained, validated or tested on.
 *
 * @param uri         where the data lives: any URI or path ({@code s3://bucket/train.parquet},
 *                    {@code file:///data/train.csv}, {@code bigquery:project.dataset.table})
 * @param digest      its content digest, {@code sha256:} and 64 lower-case hex digits, if known; a bare
 *                    64-digit hex digest is accepted and given the prefix
 * @param role        what the version used it for
 * @param rows        how many rows (records, examples) it has, if known
 * @param description free text, possibly empty
 */
public record Dataset(String uri, Optional<String> digest, DatasetRole role, OptionalLong rows, String description) {

    /** Longest URI, in characters. */
    public static final int URI_LENGTH = 2_048;
    /** Longest description, in characters. */
    public static final int DESCRIPTION_LENGTH = 1_024;

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern BARE_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

    public Dataset {
        LineageText.check("dataset uri", uri, URI_LENGTH);
        Objects.requireNonNull(digest, "digest");
        digest = digest.map(Dataset::checkDigest);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(rows, "rows");
        if (rows.isPresent() && rows.getAsLong() < 0) {
            throw new InvalidInputException("dataset row count", Long.toString(rows.getAsLong()), "is negative");
        }
        LineageText.text("dataset description", description, DESCRIPTION_LENGTH);
    }

    /** A dataset known by its URI only. */
    public static Dataset of(String uri, DatasetRole role) {
        return new Dataset(uri, Optional.empty(), role, OptionalLong.empty(), "");
    }

    /** A dataset known by its URI and content digest. */
    public static Dataset of(String uri, String digest, DatasetRole role) {
        return new Dataset(uri, Optional.of(digest), role, OptionalLong.empty(), "");
    }

    /** This dataset with its content digest. */
    public Dataset withDigest(String digest) {
        return new Dataset(uri, Optional.of(digest), role, rows, description);
    }

    /** This dataset with its row count. */
    public Dataset withRows(long rows) {
        return new Dataset(uri, digest, role, OptionalLong.of(rows), description);
    }

    /** This dataset with a description. */
    public Dataset withDescription(String description) {
        return new Dataset(uri, digest, role, rows, description);
    }

    /**
     * The canonical form of a dataset digest: {@code sha256:} and 64 lower-case hex digits.
     *
     * @throws InvalidInputException if {@code digest} is neither that nor 64 bare hex digits
     */
    public static String checkDigest(String digest) {
        Objects.requireNonNull(digest, "digest");
        if (DIGEST.matcher(digest).matches()) {
            return digest;
        }
        if (BARE_DIGEST.matcher(digest).matches()) {
            return "sha256:" + digest.toLowerCase(java.util.Locale.ROOT);
        }
        throw new InvalidInputException("dataset digest", digest,
                "not sha256: followed by 64 lower-case hex digits (or 64 bare hex digits)");
    }
}
