package dev.modelregistry.lineage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The source code a model was built from, as far as it is known: capture records what it finds
 * and says in {@code unknown} what it could not find out, instead of failing.
 *
 * @param repository where the code lives (a remote URL without credentials), if known
 * @param commit     the full commit id (40 or 64 lowercase hex digits), if known
 * @param branch     the branch checked out, if any (empty for a detached HEAD)
 * @param dirty      whether tracked files differ from the commit, if known
 * @param source     where this came from: {@code git}, {@code github-actions}, {@code gitlab-ci},
 *                   {@code jenkins}, or {@code none}
 * @param unknown    what could not be found out, and why, one sentence each
 */
public record CodeVersion(Optional<String> repository, Optional<String> commit, Optional<String> branch,
                          Optional<Boolean> dirty, String source, List<String> unknown) {

    public CodeVersion {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(dirty, "dirty");
        Objects.requireNonNull(source, "source");
        unknown = List.copyOf(unknown);
    }
}
