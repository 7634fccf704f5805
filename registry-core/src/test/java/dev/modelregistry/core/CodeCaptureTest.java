package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelregistry.lineage.CodeVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capturing the code a model is built from, from .git files written here, a real git repository, and CI variables. */
class CodeCaptureTest {

    private static final String C1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String C2 = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Nested
    class FromGitFiles {

        @Test
        void aBranchIsReadThroughItsLooseRefAndTheOriginWithoutItsToken() throws IOException {
            write("repo/.git/HEAD", "ref: refs/heads/main\n");
            write("repo/.git/refs/heads/main", C1 + "\n");
            write("repo/.git/config", "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://example.com/u.git\n"
                    + "[remote \"origin\"]\n\turl = https://bot:s3cr3t@git.example.com/risk/fraud.git\n");
            Files.createDirectories(dir.resolve("repo/training/job"));

            CodeVersion code = CodeCapture.capture(dir.resolve("repo/training/job"), Map.of());

            assertThat(code.commit()).contains(C1);
            assertThat(code.branch()).contains("main");
            assertThat(code.repository()).contains("https://git.example.com/risk/fraud.git");
            assertThat(code.source()).isEqualTo("git");
            assertThat(code.unknown()).singleElement().asString().contains("whether tracked files changed");
        }

        @Test
        void aPackedRefADetachedHeadAndAWorktreeFileAreRead() throws IOException {
            write("main/.git/HEAD", "ref: refs/heads/main\n");
            write("main/.git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n" + C2
                    + " refs/heads/main\n^" + C1 + "\n");
            assertThat(CodeCapture.capture(dir.resolve("main"), Map.of()).commit()).contains(C2);

            write("main/.git/worktrees/feature/HEAD", C1 + "\n");
            write("main/.git/worktrees/feature/commondir", "../..\n");
            write("feature/.git", "gitdir: ../main/.git/worktrees/feature\n");
            write("main/.git/config", "[remote \"origin\"]\n\turl = git@git.example.com:risk/fraud.git\n");

            CodeVersion worktree = CodeCapture.capture(dir.resolve("feature"), Map.of());
            assertThat(worktree.commit()).contains(C1);
            assertThat(worktree.branch()).contains("");
            assertThat(worktree.repository()).contains("git@git.example.com:risk/fraud.git");
        }

        @Test
        void aHostileGitIsNeverFollowedOutOfTheRepositoryAndCaptureStillAnswers() throws IOException {
            write("outside/secret", C1 + "\n");
            write("repo/.git/HEAD", "ref: refs/../../../outside/secret\n");
            CodeVersion escaping = CodeCapture.capture(dir.resolve("repo"), Map.of());
            assertThat(escaping.commit()).isEmpty();
            assertThat(String.join(" ", escaping.unknown())).contains("not a ref inside the repository");

            write("linked/.git/refs/heads/main", C1);
            Files.createSymbolicLink(dir.resolve("linked/.git/HEAD"), dir.resolve("outside/secret"));
            CodeVersion linked = CodeCapture.capture(dir.resolve("linked"), Map.of());
            assertThat(linked.commit()).isEmpty();
            assertThat(String.join(" ", linked.unknown())).contains("symbolic links are not followed");

            write("garbage/.git/HEAD", "\u0000\u0001 not a head");
            assertThat(CodeCapture.capture(dir.resolve("garbage"), Map.of()).unknown()).isNotEmpty();

            Files.createDirectories(dir.resolve("none"));
            CodeVersion none = CodeCapture.capture(dir.resolve("none"), Map.of());
            assertThat(none.source()).as("no .git above %s", dir).isEqualTo("none");
            assertThat(none.commit()).isEmpty();
        }
    }

    @Nested
    class FromARealRepository {

        private void git(Path in, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
                    "user.email=t@example.com", "-c", "commit.gpgsign=false"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("git %s", List.of(args)).isZero();
        }

        private String out(Path in, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(in.toFile()).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return text;
        }

        @Test
        void theCommitBranchAndDirtyFlagAgreeWithGit() throws Exception {
            boolean hasGit;
            try {
                hasGit = new ProcessBuilder("git", "--version").start().waitFor() == 0;
            } catch (IOException e) {
                hasGit = false;
            }
            assumeTrue(hasGit, "needs a git executable to build the repository (the capture itself does not use one)");
            Path repo = Files.createDirectories(dir.resolve("real"));
            git(repo, "init", "-q", "-b", "train");
            Files.writeString(repo.resolve("train.py"), "print('fit')\n");
            git(repo, "add", "train.py");
            git(repo, "commit", "-q", "-m", "first");
            git(repo, "remote", "add", "origin", "https://git.example.com/risk/fraud.git");

            CodeVersion clean = CodeCapture.capture(repo, Map.of());
            assertThat(clean.commit()).contains(out(repo, "rev-parse", "HEAD"));
            assertThat(clean.branch()).contains("train");
            assertThat(clean.dirty()).contains(false);
            assertThat(clean.repository()).contains("https://git.example.com/risk/fraud.git");

            Files.writeString(repo.resolve("train.py"), "print('fit harder')\n");
            assertThat(CodeCapture.capture(repo, Map.of()).dirty()).contains(true);
            git(repo, "checkout", "-q", "--", "train.py");
            git(repo, "pack-refs", "--all");
            git(repo, "checkout", "-q", "--detach");
            CodeVersion detached = CodeCapture.capture(repo, Map.of());
            assertThat(detached.commit()).isEqualTo(clean.commit());
            assertThat(detached.branch()).contains("");
            assertThat(detached.dirty()).contains(false);
        }
    }

    @Nested
    class FromCiVariables {

        @Test
        void githubActionsGitlabAndJenkinsFillWhatGitDoesNotKnow() throws IOException {
            Path empty = Files.createDirectories(dir.resolve("checkout-less"));
            CodeVersion github = CodeCapture.capture(empty, Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", C1,
                    "GITHUB_REF_NAME", "main", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/fraud"));
            CodeVersion gitlab = CodeCapture.capture(empty, Map.of("GITLAB_CI", "true", "CI_COMMIT_SHA", C2,
                    "CI_COMMIT_REF_NAME", "release", "CI_PROJECT_URL", "https://gitlab.example.com/acme/fraud",
                    "CI_REPOSITORY_URL", "https://gitlab-ci-token:glcbt-SECRET@gitlab.example.com/acme/fraud.git"));
            CodeVersion jenkins = CodeCapture.capture(empty, Map.of("JENKINS_URL", "https://ci.example.com/",
                    "GIT_COMMIT", C1.toUpperCase(), "GIT_BRANCH", "origin/main",
                    "GIT_URL", "https://jenkins:TOKEN@git.example.com/acme/fraud.git"));

            assertThat(github).extracting(CodeVersion::source, c -> c.commit().orElseThrow(), c -> c.branch().orElseThrow(),
                    c -> c.repository().orElseThrow())
                    .containsExactly("github-actions", C1, "main", "https://github.com/acme/fraud");
            assertThat(gitlab.repository()).contains("https://gitlab.example.com/acme/fraud");
            assertThat(gitlab.toString()).doesNotContain("SECRET");
            assertThat(jenkins.commit()).contains(C1);
            assertThat(jenkins.branch()).contains("main");
            assertThat(jenkins.repository()).contains("https://git.example.com/acme/fraud.git");
            CodeVersion malformed = CodeCapture.capture(empty, Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "nope"));
            assertThat(malformed.commit()).isEmpty();
            assertThat(malformed.unknown()).anySatisfy(u -> assertThat(u).startsWith("no commit"));
        }
    }
}
