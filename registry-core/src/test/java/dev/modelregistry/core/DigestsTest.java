package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestsTest {

    private static List<String> sorted(String... paths) {
        List<String> list = new ArrayList<>(List.of(paths));
        list.sort(Digests.PATH_ORDER);
        return list;
    }

    private static FileEntry file(String path) {
        byte[] content = ("content of " + path).getBytes(StandardCharsets.UTF_8);
        return new FileEntry(path, content.length, HexFormat.of().formatHex(Digests.sha256().digest(content)));
    }

    @Nested
    class PathOrder {

        @Test
        void pathsSortComponentByComponentSoASlashComesBeforeEveryCharacter() {
            // ' ' < '-' < '.' < '/' as characters, but "a" is a prefix of the components "a b", "a-b", "a.b".
            assertThat(sorted("a.b", "a-b", "a b", "a/b")).containsExactly("a/b", "a b", "a-b", "a.b");
        }

        @Test
        void aShorterComponentSortsBeforeTheComponentsItStarts() {
            assertThat(sorted("a/bc", "a/b/c")).containsExactly("a/b/c", "a/bc");
            assertThat(sorted("x/y.z", "x/yz", "x/y/z")).containsExactly("x/y/z", "x/y.z", "x/yz");
            assertThat(sorted("w/l1-0.bin", "w/l1/0.bin", "w/l10.bin")).containsExactly("w/l1/0.bin", "w/l1-0.bin", "w/l10.bin");
        }

        @Test
        void aPathSortsBeforeThePathsBelowIt() {
            assertThat(sorted("a/b", "a")).containsExactly("a", "a/b");
        }

        @Test
        void componentsSortByCodePointLikeTheirUtf8Bytes() {
            // U+FF21 (BMP) sorts before U+1F600 (supplementary) by code point, but after it by UTF-16 unit.
            assertThat(sorted("\uD83D\uDE00.bin", "\uFF21.bin", "b/c", "a", "B"))
                    .containsExactly("B", "a", "b/c", "\uFF21.bin", "\uD83D\uDE00.bin");
            assertThat(sorted("d/\uD83D\uDE00", "d/\uFF21", "d/\uFF21/x"))
                    .containsExactly("d/\uFF21", "d/\uFF21/x", "d/\uD83D\uDE00");
        }

        @Test
        void theOrderIsTheOrderOfTheListsOfComponents() {
            List<String> alphabet = List.of("a", "b", "-", ".", " ", "\uFF21", "\uD83D\uDE00");
            Random random = new Random(9);
            List<String> paths = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                List<String> components = new ArrayList<>();
                for (int c = 0, count = 1 + random.nextInt(3); c < count; c++) {
                    StringBuilder component = new StringBuilder();
                    for (int k = 0, length = 1 + random.nextInt(3); k < length; k++) {
                        component.append(alphabet.get(random.nextInt(alphabet.size())));
                    }
                    components.add(component.toString());
                }
                paths.add(String.join("/", components));
            }
            List<List<String>> byComponents = paths.stream().map(p -> List.of(p.split("/")))
                    .sorted(DigestsTest::compareComponentLists).collect(Collectors.toList());
            Collections.shuffle(paths, random);

            paths.sort(Digests.PATH_ORDER);

            assertThat(paths).containsExactlyElementsOf(
                    byComponents.stream().map(c -> String.join("/", c)).collect(Collectors.toList()));
        }
    }

    /** Python's list comparison of components compared as strings, by code point. */
    private static int compareComponentLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareCodePoints(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    @Nested
    class Manifest {

        @Test
        void theManifestOfNoFilesIsTheHashOfNothing() {
            assertThat(Digests.manifest(List.of()))
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }

        @Test
        void theManifestIsTheModelSigningRootDigest() {
            // Expected value computed by sigstore/model-transparency's own Manifest (files keyed by
            // PurePosixPath, root = SHA-256 over the digests in resource_descriptors() order), each
            // file's digest being SHA-256("content of " + path). Ordering the same files as whole
            // strings gives 7b5d9409a8da78d168fcad5ced8ad52be68bdd1a689a767223b1b2ddca763de2.
            List<FileEntry> files = List.of("a-b", "a.b", "a/b", "a b", "x/y/z", "x/yz", "x/y.z",
                    "\uFF21.bin", "\uD83D\uDE00.bin", "B").stream().map(DigestsTest::file).collect(Collectors.toList());

            assertThat(Digests.manifest(files))
                    .isEqualTo("e5c4a366972d0bd0151487152edf4ca804d05f0dff02f0fa13e811bdd59b2f5d");
        }

        @Test
        void theManifestDoesNotDependOnTheOrderFilesAreGiven() {
            List<FileEntry> files = new ArrayList<>(List.of(file("a/b"), file("a-b"), file("a.b"), file("c")));
            String digest = Digests.manifest(files);
            Collections.reverse(files);

            assertThat(Digests.manifest(files)).isEqualTo(digest);
        }
    }
}
