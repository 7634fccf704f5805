package dev.modelregistry.core;

import dev.modelregistry.lineage.CodeVersion;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds out which code a model is built from, without a git executable: reads the {@code .git}
 * of the working directory or of a directory above it (HEAD, loose refs, packed-refs, a detached
 * HEAD, a worktree's {@code .git} file, the remote in {@code config}, and the index for the dirty
 * flag), then fills what is missing from the CI variables of GitHub Actions, GitLab CI and
 * Jenkins. It never fails and never follows a symbolic link or a ref out of the repository: what
 * it cannot find out is listed in {@link CodeVersion#unknown()}. Stateless and thread-safe.
 */
public final class CodeCapture {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern REF = Pattern.compile("refs/[A-Za-z0-9._/-]{1,200}");
    private static final long SMALL = 1 << 20;
    private static final long PACKED_REFS = 64L << 20;
    private static final int DEPTH = 64;
    private static final int INDEX_ENTRIES = 200_000;

    private CodeCapture() {
    }

    /** Captures from {@code workingDirectory} and this process's environment. */
    public static CodeVersion capture(Path workingDirectory) {
        return capture(workingDirectory, System.getenv());
    }

    /** Captures from {@code workingDirectory} and the given environment variables. */
    public static CodeVersion capture(Path workingDirectory, Map<String, String> env) {
        List<String> unknown = new ArrayList<>();
        Found git = new Found();
        try {
            readGit(workingDirectory.toAbsolutePath().normalize(), git, unknown);
        } catch (IOException | RuntimeException e) {
            unknown.add("the .git directory could not be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String source = git.commit != null ? "git" : "none";
        Found ci = fromCi(env);
        if (ci.source != null) {
            if (git.commit == null) {
                git.commit = ci.commit;
                source = ci.source;
            }
            if (git.branch == null || git.branch.isEmpty() && ci.branch != null) {
                git.branch = ci.branch != null ? ci.branch : git.branch;
            }
            if (git.repository == null) {
                git.repository = ci.repository;
            }
        }
        if (git.commit == null) {
            unknown.add("no commit: no .git found from " + workingDirectory + " upwards and no CI variables");
        }
        if (git.repository == null) {
            unknown.add("no repository URL: no remote in the git config and no CI variables");
        }
        if (git.dirty == null && git.commit != null) {
            unknown.add("whether tracked files changed: " + (git.dirtyWhy != null ? git.dirtyWhy : "no index read"));
        }
        return new CodeVersion(Optional.ofNullable(git.repository), Optional.ofNullable(git.commit),
                Optional.ofNullable(git.branch), Optional.ofNullable(git.dirty), source, unknown);
    }

    /** What one source told. */
    private static final class Found {
        String repository;
        String commit;
        String branch;
        Boolean dirty;
        String dirtyWhy;
        String source;
    }

    private static void readGit(Path start, Found found, List<String> unknown) throws IOException {
        Path dir = start;
        Path dotGit = null;
        for (int i = 0; dir != null && i < DEPTH; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(".git");
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                dotGit = candidate;
                break;
            }
        }
        if (dotGit == null) {
            return;
        }
        Path workTree = dotGit.getParent();
        BasicFileAttributes attributes = Files.readAttributes(dotGit, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Path gitDir;
        if (attributes.isSymbolicLink()) {
            unknown.add(dotGit + " is a symbolic link; not followed");
            return;
        } else if (attributes.isDirectory()) {
            gitDir = dotGit;
        } else {
            // a worktree or submodule: "gitdir: <path>"
            String text = read(dotGit, SMALL).strip();
            if (!text.startsWith("gitdir:")) {
                unknown.add(dotGit + " is a file that does not name a gitdir");
                return;
            }
            gitDir = workTree.resolve(text.substring("gitdir:".length()).strip()).normalize();
        }
        Path common = gitDir;
        Path commondir = gitDir.resolve("commondir");
        if (regularFile(commondir)) {
            common = gitDir.resolve(read(commondir, SMALL).strip()).normalize();
        }
        found.repository = remote(common);
        String head = read(gitDir.resolve("HEAD"), SMALL).strip();
        if (head.startsWith("ref:")) {
            String ref = head.substring(4).strip();
            if (!REF.matcher(ref).matches() || ref.contains("..") || ref.contains("//")) {
                unknown.add("HEAD names the ref '" + ref + "', which is not a ref inside the repository");
                return;
            }
            found.branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
            found.commit = resolve(common, gitDir, ref);
            if (found.commit == null) {
                unknown.add("the branch " + found.branch + " has no commit yet, or its ref is unreadable");
                return;
            }
        } else if (HEX.matcher(head).matches()) {
            found.commit = head;
            found.branch = "";
        } else {
            unknown.add("HEAD holds neither a ref nor a commit id");
            return;
        }
        dirty(gitDir, workTree, found);
    }

    private static String resolve(Path common, Path gitDir, String ref) throws IOException {
        for (Path base : List.of(gitDir, common)) {
            Path file = base.resolve(ref).normalize();
            if (file.startsWith(base) && regularFile(file)) {
                String id = read(file, SMALL).strip();
                if (HEX.matcher(id).matches()) {
                    return id;
                }
                if (id.startsWith("ref:")) {
                    return null; // a symbolic ref to another ref: not followed further
                }
            }
        }
        Path packed = common.resolve("packed-refs");
        if (regularFile(packed)) {
            for (String line : read(packed, PACKED_REFS).split("\n")) {
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).strip().equals(ref)
                        && HEX.matcher(line.substring(0, space)).matches()) {
                    return line.substring(0, space);
                }
            }
        }
        return null;
    }

    /** The URL of the remote {@code origin}, or of the first remote, without credentials. */
    private static String remote(Path common) throws IOException {
        Path config = common.resolve("config");
        if (!regularFile(config)) {
            return null;
        }
        String section = null;
        String first = null;
        for (String raw : read(config, SMALL).split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                section = line;
            } else if (section != null && section.startsWith("[remote ") && line.startsWith("url")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String url = withoutCredentials(line.substring(eq + 1).strip());
                if (section.equals("[remote \"origin\"]")) {
                    return url;
                }
                first = first == null ? url : first;
            }
        }
        return first;
    }

    /** A URL without user information (a token in {@code https://user:token@host/...}). */
    static String withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null && uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                        null).toString();
            }
        } catch (URISyntaxException notAUri) {
            // scp-like "git@host:path": the user is not a secret
        }
        return url;
    }

    /**
     * Whether a tracked file differs from the index: a missing file, another size, or, where the
     * modification time differs from the one recorded, other content (hashed as git hashes a
     * blob). Changes staged but not committed, and untracked files, are not seen.
     */
    private static void dirty(Path gitDir, Path workTree, Found found) {
        Path index = gitDir.resolve("index");
        if (!regularFile(index)) {
            found.dirtyWhy = "no index";
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(index,
                LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
            if (in.readInt() != 0x44495243) { // "DIRC"
                found.dirtyWhy = "the index is not a git index";
                return;
            }
            int version = in.readInt();
            if (version != 2 && version != 3) {
                found.dirtyWhy = "index version " + version + " is not read";
                return;
            }
            int entries = in.readInt();
            if (entries < 0 || entries > INDEX_ENTRIES) {
                found.dirtyWhy = "the index lists " + entries + " files, more than " + INDEX_ENTRIES + " are not read";
                return;
            }
            for (int i = 0; i < entries; i++) {
                in.readLong(); // ctime
                int mtimeSeconds = in.readInt();
                int mtimeNanos = in.readInt();
                in.skipNBytes(8); // dev, ino
                int mode = in.readInt();
                in.skipNBytes(8); // uid, gid
                long size = in.readInt() & 0xffffffffL;
                byte[] sha = in.readNBytes(20);
                int flags = in.readUnsignedShort();
                int read = 62;
                if (version == 3 && (flags & 0x4000) != 0) {
                    in.readUnsignedShort();
                    read += 2;
                }
                byte[] name = readPath(in);
                read += name.length + 1;
                in.skipNBytes((8 - read % 8) % 8);
                if ((mode & 0xf000) == 0xe000 || (mode & 0xf000) == 0xa000) {
                    continue; // a submodule or a symbolic link: not compared
                }
                Path file = workTree.resolve(new String(name, StandardCharsets.UTF_8)).normalize();
                if (!file.startsWith(workTree)) {
                    found.dirtyWhy = "the index names a path outside the working tree";
                    return;
                }
                if (changed(file, size, mtimeSeconds, mtimeNanos, sha)) {
                    found.dirty = true;
                    return;
                }
            }
            found.dirty = false;
        } catch (EOFException e) {
            found.dirtyWhy = "the index ends too early";
        } catch (IOException | RuntimeException e) {
            found.dirtyWhy = "the index could not be read: " + e.getMessage();
        }
    }

    private static byte[] readPath(DataInputStream in) throws IOException {
        java.io.ByteArrayOutputStream path = new java.io.ByteArrayOutputStream();
        for (int b = in.readUnsignedByte(); b != 0; b = in.readUnsignedByte()) {
            if (path.size() > 4096) {
                throw new IOException("an index path longer than 4096 bytes");
            }
            path.write(b);
        }
        return path.toByteArray();
    }

    private static boolean changed(Path file, long size, int mtimeSeconds, int mtimeNanos, byte[] sha)
            throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return true;
        }
        if (!a.isRegularFile() || (a.size() & 0xffffffffL) != size) {
            return true;
        }
        java.time.Instant mtime = a.lastModifiedTime().toInstant();
        if (mtime.getEpochSecond() == (mtimeSeconds & 0xffffffffL) && mtime.getNano() == mtimeNanos) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + a.size() + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
            }
            return !MessageDigest.isEqual(sha1.digest(), sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static Found fromCi(Map<String, String> env) {
        Found f = new Found();
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            f.source = "github-actions";
            f.commit = hex(env.get("GITHUB_SHA"));
            f.branch = firstNonBlank(env.get("GITHUB_HEAD_REF"), env.get("GITHUB_REF_NAME"));
            if (env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null) {
                f.repository = env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY");
            }
        } else if ("true".equals(env.get("GITLAB_CI"))) {
            f.source = "gitlab-ci";
            f.commit = hex(env.get("CI_COMMIT_SHA"));
            f.branch = firstNonBlank(env.get("CI_COMMIT_BRANCH"), env.get("CI_COMMIT_REF_NAME"));
            f.repository = env.get("CI_PROJECT_URL"); // CI_REPOSITORY_URL holds a job token
        } else if (env.get("JENKINS_URL") != null) {
            f.source = "jenkins";
            f.commit = hex(env.get("GIT_COMMIT"));
            String branch = env.get("GIT_BRANCH");
            f.branch = branch != null && branch.startsWith("origin/") ? branch.substring("origin/".length()) : branch;
            f.repository = env.get("GIT_URL") == null ? null : withoutCredentials(env.get("GIT_URL"));
        }
        return f;
    }

    private static String hex(String value) {
        return value != null && HEX.matcher(value.strip().toLowerCase(java.util.Locale.ROOT)).matches()
                ? value.strip().toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static boolean regularFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** A small file's text; refused if it is a symbolic link or larger than {@code limit}. */
    private static String read(Path file, long limit) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException(file + " is not a regular file (symbolic links are not followed)");
        }
        if (a.size() > limit) {
            throw new IOException(file + " is larger than " + limit + " bytes");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
