package dev.modelregistry.spi;

import dev.modelregistry.VersionRef;
import java.util.List;
import java.util.Objects;

/**
 * A new version's lineage as the store keeps it: the core's text encoding, which the store returns
 * unchanged, and the links it indexes for the impact queries.
 *
 * @param text     the lineage encoded by the core (JSON); empty for none
 * @param datasets the datasets the version used, for {@link LineageReader#datasetUsers}
 * @param parents  the versions it was derived from, for {@link LineageReader#children} and
 *                 {@link LineageReader#parents}; all exist
 * @param runId    the training run's id, for searches; null if no run was recorded
 * @param runUrl   the training run's URL, for searches; null if none was recorded
 */
public record LineageRecord(String text, List<DatasetLink> datasets, List<ParentLink> parents, String runId,
                            String runUrl) {

    /** No lineage. */
    public static final LineageRecord NONE = new LineageRecord("", List.of(), List.of());

    public LineageRecord {
        Objects.requireNonNull(text, "text");
        datasets = List.copyOf(datasets);
        parents = List.copyOf(parents);
    }

    /** A lineage without a training run. */
    public LineageRecord(String text, List<DatasetLink> datasets, List<ParentLink> parents) {
        this(text, datasets, parents, null, null);
    }

    /**
     * One dataset use, as indexed.
     *
     * @param uriHash lower-case hex SHA-256 of the dataset URI's UTF-8 bytes (64 characters): URIs may
     *                be longer than an index key can be on every database
     * @param digest  the dataset's content digest ({@code sha256:...}, 71 characters), or null if unknown
     * @param role    the role's text form
     */
    public record DatasetLink(String uriHash, String digest, String role) {

        public DatasetLink {
            Objects.requireNonNull(uriHash, "uriHash");
            Objects.requireNonNull(role, "role");
        }

        /** The {@link #uriHash} of a dataset URI: lower-case hex SHA-256 of its UTF-8 bytes. */
        public static String uriHash(String uri) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(uri.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        /**
         * What a search's dataset value is matched against: a {@code sha256:} digest as it is (compared
         * with {@link #digest}), anything else as a URI by its {@link #uriHash}.
         */
        public static String searchKey(String value) {
            return value.startsWith("sha256:") ? value : uriHash(value);
        }

        /** Whether a {@link #searchKey} is a digest rather than a URI hash. */
        public static boolean isDigest(String searchKey) {
            return searchKey.startsWith("sha256:");
        }
    }

    /**
     * One derivation, as indexed.
     *
     * @param parent   the parent version
     * @param relation the relation's text form
     */
    public record ParentLink(VersionRef parent, String relation) {

        public ParentLink {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(relation, "relation");
        }
    }
}
