package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 helpers, and the manifest digest of a version. */
final class Digests {

    /**
     * Sorts paths by Unicode code point, which is the order of their UTF-8 bytes and of Python's
     * {@code sorted()} on strings (what OpenSSF model-signing uses), unlike {@link String#compareTo}
     * for characters outside the Basic Multilingual Plane.
     */
    static final Comparator<String> PATH_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    static final Comparator<FileEntry> FILE_ORDER = Comparator.comparing(FileEntry::path, PATH_ORDER);

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The manifest digest: SHA-256 over the raw 32-byte digests of the files concatenated in
     * sorted path order, as the OpenSSF model-signing "files" serialization computes its root.
     */
    static String manifest(List<FileEntry> files) {
        MessageDigest md = sha256();
        HexFormat hex = HexFormat.of();
        files.stream().sorted(FILE_ORDER).forEach(f -> md.update(hex.parseHex(f.sha256())));
        return hex.formatHex(md.digest());
    }
}
