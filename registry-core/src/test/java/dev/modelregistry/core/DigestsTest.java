package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void pathsSortByCodePointLikeTheirUtf8Bytes() {
        // U+FF21 (BMP) sorts before U+1F600 (supplementary) by code point, but after it by UTF-16 unit.
        List<String> paths = new ArrayList<>(List.of("\uD83D\uDE00.bin", "\uFF21.bin", "b/c", "a", "B"));
        paths.sort(Digests.PATH_ORDER);
        assertThat(paths).containsExactly("B", "a", "b/c", "\uFF21.bin", "\uD83D\uDE00.bin");
    }

    @Test
    void theManifestOfNoFilesIsTheHashOfNothing() {
        assertThat(Digests.manifest(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
