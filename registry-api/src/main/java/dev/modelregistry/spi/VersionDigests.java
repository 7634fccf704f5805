package dev.modelregistry.spi;

import dev.modelregistry.FileEntry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The order of a version's files and its digest, as the OpenSSF model-signing library
 * (sigstore/model-transparency) computes its "files" root digest, so that the model-signing tools
 * agree with {@code ModelVersion.digest()} for every set of paths.
 *
 * <p>That library keys each file by a {@code PurePosixPath} and sorts the keys; Python orders such
 * paths by their tuples of components, each component compared as a string, by code point. So
 * {@code a/b} sorts before {@code a-b} and {@code a.b} ({@code "a"} is a prefix of {@code "a-b"}),
 * although {@code '-'} and {@code '.'} come before {@code '/'} in a plain string comparison, and
 * {@code a/b/c} sorts before {@code a/bc}. The files of a version are kept in this order
 * everywhere: in {@code ModelVersion.files()} and in what a metadata store returns.
 *
 * <p>Paths are expected in the form the registry accepts (relative, {@code /} as separator, no
 * empty, {@code .} or {@code ..} component), which is also the form {@code PurePosixPath} gives
 * them. A backend uses this class to keep the order it stores and to recompute digests, for
 * instance in a schema migration; it never needs to depend on the core for that.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class VersionDigests {

    /**
     * Orders paths as {@code PurePosixPath} does: component by component, each component by Unicode
     * code point (the order of its UTF-8 bytes), a component that is a prefix of another first.
     * Comparing code points rather than UTF-16 units matters for characters outside the Basic
     * Multilingual Plane: U+FF21 sorts before U+1F600 here, after it by {@link String#compareTo}.
     */
    public static final Comparator<String> PATH_ORDER = VersionDigests::comparePaths;

    /** Orders files by their {@linkplain FileEntry#path() paths} in {@link #PATH_ORDER}. */
    public static final Comparator<FileEntry> FILE_ORDER = Comparator.comparing(FileEntry::path, PATH_ORDER);

    private VersionDigests() {
    }

    /**
     * The digest of a version holding these files: the lower-case hex SHA-256 over the raw 32-byte
     * SHA-256 digests of the files concatenated in {@link #FILE_ORDER}, which is the model-signing
     * "files" root digest. The files may be given in any order; an empty list gives the SHA-256 of
     * nothing.
     *
     * @param files the version's files, each path once
     * @return 64 lower-case hex digits
     * @throws NullPointerException if {@code files} or one of its elements is null
     */
    public static String manifest(List<FileEntry> files) {
        List<FileEntry> sorted = new ArrayList<>(files);
        sorted.sort(FILE_ORDER);
        MessageDigest md = sha256();
        HexFormat hex = HexFormat.of();
        for (FileEntry f : sorted) {
            md.update(hex.parseHex(f.sha256()));
        }
        return hex.formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Compares code point by code point with {@code /} taken as lower than every other character,
     * which is the component-wise comparison: where two paths first differ, the one whose component
     * ends there ({@code /} or the end of the path) is a prefix of the other's component and sorts
     * first, and otherwise the differing characters decide.
     */
    private static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(rank(ca), rank(cb));
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int rank(int codePoint) {
        return codePoint == '/' ? -1 : codePoint;
    }
}
