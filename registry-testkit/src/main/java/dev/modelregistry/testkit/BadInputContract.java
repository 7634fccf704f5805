package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input gets an {@link InvalidInputException} that names the offending value, and changes
 * nothing: after every refused call the models, versions and stored blobs are what they were.
 */
public abstract class BadInputContract extends RegistryFixture {

    private List<Model> modelsBefore;
    private List<ModelVersion> versionsBefore;
    private Set<String> blobsBefore;

    @BeforeEach
    protected void registerOneVersionAndRememberTheState() {
        registerSmall("existing");
        modelsBefore = registry.models();
        versionsBefore = registry.versions("existing");
        blobsBefore = storedBlobs();
    }

    @AfterEach
    protected void nothingChanged() {
        assertThat(registry.models()).isEqualTo(modelsBefore);
        assertThat(registry.versions("existing")).isEqualTo(versionsBefore);
        assertThat(storedBlobs()).isEqualTo(blobsBefore);
    }

    /** A registration that already holds a good file, so a refusal after it proves nothing was written early. */
    private Registration started() {
        return registry.register("fresh").content("good.bin", utf8("good content, never stored"));
    }

    private static void refused(String offending, ThrowingConsumer<Void> call) {
        assertThatThrownBy(() -> call.accept(null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).value()).isEqualTo(offending));
    }

    @ParameterizedTest(name = "model name \"{0}\"")
    @ValueSource(strings = {"", "..", "a/../b", "a..b", "a/b/c", "/abs", "trailing/", "-lead", ".hidden",
            "with space", "tab\tname", "nul\0name", "ctl\u0001x", "back\\slash", "semi;colon", "quote'name"})
    void invalidModelNamesAreRefused(String name) {
        refused(name, x -> registry.register(name));
        refused(name, x -> registry.createModel(name, "", Map.of()));
    }

    @Test
    void overlongModelNamesAreRefused() {
        String longName = "m".repeat(Limits.MODEL_NAME_SEGMENT_LENGTH + 1);
        String longTotal = "n".repeat(Limits.MODEL_NAME_SEGMENT_LENGTH) + "/" + "m".repeat(Limits.MODEL_NAME_SEGMENT_LENGTH + 1);
        refused(longName, x -> registry.register(longName));
        refused(longTotal, x -> registry.register(longTotal));
    }

    @ParameterizedTest(name = "file path \"{0}\"")
    @ValueSource(strings = {"", "../x", "a/../../x", "/etc/passwd", "..\\x", "a\\b", "a//b", "./a", "a/.", "dir/",
            "C:/x", "c:x", "nul\0x", "new\nline"})
    void filePathsThatCouldEscapeTheVersionAreRefused(String path) {
        Registration r = started();
        refused(path, x -> r.content(path, utf8("x")));
        refused(path, x -> r.content(path, InputStream.nullInputStream()));
    }

    @Test
    void overlongFilePathsAreRefused() {
        String path = "d/".repeat(Limits.PATH_LENGTH / 2) + "f";
        refused(path, x -> started().content(path, utf8("x")));
    }

    @Test
    void aSymbolicLinkPointingOutsideTheSourceDirectoryIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.key"), "do not upload");
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Path link = Files.createSymbolicLink(model.resolve("innocent.bin"), secret);

        refused(link.toString(), x -> started().file(model));
    }

    @Test
    void aMissingSourceFileIsRefused() {
        Path missing = dir.resolve("missing.onnx");
        refused(missing.toString(), x -> started().file(missing));
        refused(missing.toString(), x -> started().file("model.onnx", missing));
    }

    @Test
    void aDirectoryIsRefusedWhereAFileIsNeeded() {
        refused(dir.toString(), x -> started().file("model.onnx", dir));
    }

    @Test
    void anEmptyRegistrationIsRefused() {
        refused("fresh", x -> registry.register("fresh").description("nothing").commit());
    }

    @Test
    void theSamePathTwiceIsRefused() {
        refused("good.bin", x -> started().content("good.bin", utf8("other")));
    }

    @ParameterizedTest(name = "metric {0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void metricsThatAreNotFiniteNumbersAreRefused(double value) {
        refused(Double.toString(value), x -> started().metric("auc", value));
    }

    @Test
    void oversizedMetadataIsRefused() {
        String description = "d".repeat(Limits.DESCRIPTION_LENGTH + 1);
        String value = "v".repeat(Limits.VALUE_LENGTH + 1);
        String key = "k".repeat(Limits.KEY_LENGTH + 1);
        refused(description, x -> started().description(description));
        refused(value, x -> started().tag("t", value));
        refused(value, x -> started().param("p", value));
        refused(key, x -> started().param(key, "v"));
        refused(key, x -> started().metric(key, 1));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= Limits.ENTRIES; i++) {
            many.put("p" + i, "v");
        }
        refused(Integer.toString(Limits.ENTRIES + 1), x -> started().params(many));
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"", " lead", "semi;colon", "nul\0", "new\nline"})
    void malformedKeysAreRefused(String key) {
        refused(key, x -> started().tag(key, "v"));
        refused(key, x -> started().param(key, "v"));
    }

    @Test
    void aBlankCreatorIsRefused() {
        refused(" ", x -> started().createdBy(" "));
    }

    @Test
    void changesToAnExistingVersionWithBadValuesAreRefused() {
        ModelVersion v = versionsBefore.get(0);
        String description = "d".repeat(Limits.DESCRIPTION_LENGTH + 1);
        refused(description, x -> registry.describe(v.ref(), description));
        refused("bad;key", x -> registry.tag(v.ref(), "bad;key", "v"));
        refused("c".repeat(Limits.COMMENT_LENGTH + 1),
                x -> registry.transition(v, dev.modelregistry.Stage.STAGING, "c".repeat(Limits.COMMENT_LENGTH + 1)));
    }

    @Test
    void aPrincipalThatIsBlankIsRefused() {
        refused("", x -> registry.as(""));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
            0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF})
    void invisibleAndTextDirectionCharactersAreRefusedInNamesPathsKeysAndPrincipals(int c) {
        String sneaky = "fraud" + Character.toString(c) + "gnp.onnx";
        refused(sneaky, x -> registry.register(sneaky));
        refused(sneaky, x -> started().content(sneaky, utf8("x")));
        refused(sneaky, x -> started().tag(sneaky, "v"));
        refused(sneaky, x -> started().createdBy(sneaky));
        refused(sneaky, x -> registry.as(sneaky));
        assertThatThrownBy(() -> registry.register(sneaky)).hasMessageContaining(String.format("U+%04X", c))
                .hasMessageContaining(String.format("\\u%04x", c));
    }

    @Test
    void aSourceFileSwappedForALinkAfterItWasAddedIsNotRead() throws Exception {
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("secret.txt"), "secret");
        Path model = Files.createDirectories(dir.resolve("model"));
        Path weights = Files.writeString(Files.createDirectories(model.resolve("weights")).resolve("w.bin"), "w");
        Registration r = registry.register("fresh").file(model);

        Files.delete(weights);
        Files.createSymbolicLink(weights, Path.of("../../outside/secret.txt"));

        refused(weights.toString(), x -> r.commit());
        assertThat(storedBlobs()).doesNotContain(sha256(utf8("secret")));
        assertThat(Files.readString(secret)).isEqualTo("secret");
    }

    @Test
    void aSourceDirectorySwappedForALinkAfterItWasAddedIsNotRead() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("w.bin"), "secret");
        Path model = Files.createDirectories(dir.resolve("model"));
        Path weights = Files.createDirectories(model.resolve("weights"));
        Files.writeString(weights.resolve("w.bin"), "w");
        Registration r = registry.register("fresh").file(model);

        Files.delete(weights.resolve("w.bin"));
        Files.delete(weights);
        Files.createSymbolicLink(weights, Path.of("../outside"));

        refused(weights.resolve("w.bin").toString(), x -> r.commit());
        assertThat(storedBlobs()).doesNotContain(sha256(utf8("secret")));
    }

    @Test
    void aSingleSourceFileReplacedByALinkAfterItWasAddedIsNotRead() throws Exception {
        Path real = Files.writeString(dir.resolve("checkpoint-7.bin"), "checked");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Path link = Files.createSymbolicLink(dir.resolve("best.bin"), real.getFileName());
        Registration r = registry.register("fresh").file("model.bin", link);

        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("secret.txt"));
        Files.delete(real);
        Files.createSymbolicLink(real, Path.of("secret.txt"));

        refused(link.toString(), x -> r.commit());
        assertThat(storedBlobs()).doesNotContain(sha256(utf8("secret")));
    }

    @Test
    void copyToNeverWritesThroughALinkFoundInTheTargetAndWritesNothingWhenItRefuses() throws IOException {
        ModelVersion v = registry.register("two").content("a.bin", utf8("a")).content("w/model.bin", utf8("m"))
                .commit();
        modelsBefore = registry.models();
        blobsBefore = storedBlobs();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Path link = Files.createSymbolicLink(target.resolve("w"), elsewhere);

        refused(link.toString(), x -> registry.copyTo(v, target));
        assertThat(elsewhere).isEmptyDirectory();
        try (var listing = Files.list(target)) {
            assertThat(listing).containsExactly(link);
        }
    }

    @Test
    void copyToRefusesAFileWhereADirectoryIsNeededAndADanglingLinkAtATarget() throws IOException {
        ModelVersion v = registry.register("two").content("a.bin", utf8("a")).content("w/model.bin", utf8("m"))
                .commit();
        modelsBefore = registry.models();
        blobsBefore = storedBlobs();
        Path target = Files.createDirectories(dir.resolve("target"));
        Path file = Files.writeString(target.resolve("w"), "not a directory");
        refused(file.toString(), x -> registry.copyTo(v, target));

        Files.delete(file);
        Path dangling = Files.createSymbolicLink(target.resolve("a.bin"), dir.resolve("nowhere"));
        refused(dangling.toString(), x -> registry.copyTo(v, target));
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void aRefusedSetterChangesNothing() {
        Map<String, String> full = new HashMap<>();
        for (int i = 0; i < Limits.ENTRIES; i++) {
            full.put("t" + i, "v");
        }
        Registration r = started().tags(full);
        refused(Integer.toString(Limits.ENTRIES + 1), x -> r.tag("one-more", "v"));
        refused("bad;key", x -> r.params(Map.of("good", "v", "bad;key", "v")));
        refused("NaN", x -> r.metrics(Map.of("auc", 0.9, "r2", -0.5, "loss", Double.NaN)));

        ModelVersion v = r.commit();
        versionsBefore = registry.versions("existing");
        modelsBefore = registry.models();
        blobsBefore = storedBlobs();

        assertThat(v.tags()).hasSize(Limits.ENTRIES).doesNotContainKey("one-more");
        assertThat(v.params()).isEmpty();
        assertThat(v.metrics()).isEmpty();
    }
}
