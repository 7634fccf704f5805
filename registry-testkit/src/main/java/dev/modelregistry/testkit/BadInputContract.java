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
    @ValueSource(doubles = {-1.0, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void metricsThatAreNotFiniteNonNegativeNumbersAreRefused(double value) {
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
}
