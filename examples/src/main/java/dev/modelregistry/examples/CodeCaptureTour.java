package dev.modelregistry.examples;

import dev.modelregistry.core.CodeCapture;
import dev.modelregistry.lineage.CodeVersion;
import java.nio.file.Path;

/**
 * Which code is this training job built from? Reads the {@code .git} of the working directory (or
 * one above it) and the CI variables, without a git executable, and prints what it found and what
 * it could not find out; see docs/LINEAGE.md.
 */
public final class CodeCaptureTour {

    private CodeCaptureTour() {
    }

    /**
     * Prints the captured code version of a directory.
     *
     * @param args the directory, default the working directory
     */
    public static void main(String[] args) {
        CodeVersion code = CodeCapture.capture(Path.of(args.length > 0 ? args[0] : "."));
        System.out.println("commit     " + code.commit().orElse("(unknown)"));
        System.out.println("branch     " + code.branch().map(b -> b.isEmpty() ? "(detached)" : b).orElse("(unknown)"));
        System.out.println("dirty      " + code.dirty().map(String::valueOf).orElse("(unknown)"));
        System.out.println("repository " + code.repository().orElse("(unknown)"));
        System.out.println("from       " + code.source());
        code.unknown().forEach(u -> System.out.println("unknown:   " + u));
    }
}
