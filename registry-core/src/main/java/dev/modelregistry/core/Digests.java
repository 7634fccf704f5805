package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.VersionDigests;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/** SHA-256 helpers, and the manifest digest of a version as {@link VersionDigests} defines it. */
final class Digests {

    /** The order of a version's paths: {@link VersionDigests#PATH_ORDER}. */
    static final Comparator<String> PATH_ORDER = VersionDigests.PATH_ORDER;

    /** The order of a version's files: {@link VersionDigests#FILE_ORDER}. */
    static final Comparator<FileEntry> FILE_ORDER = VersionDigests.FILE_ORDER;

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The version digest of these files, in any order: {@link VersionDigests#manifest}. */
    static String manifest(List<FileEntry> files) {
        return VersionDigests.manifest(files);
    }
}
