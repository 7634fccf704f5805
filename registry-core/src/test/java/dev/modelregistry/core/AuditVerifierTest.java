package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.spi.JournalHashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

    @TempDir
    Path dir;

    private Registry registry;

    @BeforeEach
    void writeAJournal() {
        registry = Registries.inMemory();
        ModelVersion fraud = register(registry, "fraud");                      // 1, 2
        register(registry.as("bob"), "churn");                                 // 3, 4
        registry.as("carol").transition(fraud, Stage.STAGING, "ready");        // 5
        registry.tag(fraud.ref(), "team", "Détecteur \"✓\" 🚀\n");              // 6
        register(registry.as("bob"), "churn");                                 // 7
        registry.tag(fraud.ref(), "owner", "alice");                           // 8
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private static ModelVersion register(Registry as, String model) {
        return as.register(model).content("model.bin", ("weights of " + model).getBytes(StandardCharsets.UTF_8))
                .commit();
    }

    private String head() {
        return registry.journal().after(registry.journal().head() - 1, 1).get(0).hash();
    }

    private List<String> export(JournalQuery query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        registry.journal().export(query, out);
        return new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        return Files.writeString(file, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), StandardCharsets.UTF_8);
    }

    /** The verifier's exit code and its one line of output, run in this JVM. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditVerifier.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private Run verify(List<String> lines, String... options) throws IOException {
        Path file = write(dir.resolve("export-" + System.nanoTime() + ".jsonl"), lines);
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        return run(InputStream.nullInputStream(), args.toArray(String[]::new));
    }

    @Nested
    class GenuineExports {

        @Test
        void anExportOfTheWholeJournalVerifiesAgainstItsHead() throws IOException {
            Run run = verify(export(JournalQuery.all().withLimit(3)), "--head", head());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("OK 8 entries, sequences 1..8, last hash " + head());
        }

        @Test
        void aFilteredExportOfOneModelVerifiesAndCountsTheSequencesItLeavesOut() throws IOException {
            List<String> lines = export(JournalQuery.all().withModel("fraud"));

            Run run = verify(lines);

            assertThat(lines).hasSize(5);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("OK 5 entries, sequences 1..8 (3 not in the export), last hash ");
        }

        @Test
        void anExportFromACursorVerifiesAgainstTheHead() throws IOException {
            Run run = verify(export(JournalQuery.all().withAfter(5)), "--head", head());

            assertThat(run.out()).startsWith("OK 3 entries, sequences 6..8");
            assertThat(run.exitCode()).isZero();
        }

        @Test
        void anEmptyExportVerifiesAndAnExportReadFromStandardInputToo() throws IOException {
            assertThat(verify(List.of())).isEqualTo(new Run(0, "OK 0 entries", ""));

            byte[] bytes = String.join("\n", export(JournalQuery.all())).getBytes(StandardCharsets.UTF_8);
            Run run = run(new ByteArrayInputStream(bytes), "-");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("OK 8 entries");
        }
    }

    @Nested
    class TamperedExports {

        @Test
        void changingOneByteOfADetailFailsNamingItsLine() throws IOException {
            List<String> lines = export(JournalQuery.all());
            String line = lines.get(5);
            int at = line.indexOf("\"details\":\"{\\\"") + 14;
            char changed = line.charAt(at) == 'x' ? 'y' : 'x';
            lines.set(5, line.substring(0, at) + changed + line.substring(at + 1));

            Run run = verify(lines);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILED line 6 (sequence 6): the entry does not match its hash");
        }

        @Test
        void deletingALineFromTheMiddleOfAContiguousExportFailsNamingTheLineAfterTheGap() throws IOException {
            List<String> lines = export(JournalQuery.all());
            lines.remove(3);

            Run withHead = verify(lines, "--head", head());
            Run contiguous = verify(lines, "--contiguous");

            assertThat(withHead.exitCode()).isEqualTo(1);
            assertThat(withHead.out()).isEqualTo("FAILED line 4 (sequence 5): sequence 4 is missing from a"
                    + " contiguous export");
            assertThat(contiguous).isEqualTo(withHead);
            assertThat(verify(lines).out()).as("without a claim of contiguity a gap is a filtered entry")
                    .startsWith("OK 7 entries, sequences 1..8 (1 not in the export)");
        }

        @Test
        void swappingTwoLinesFailsNamingTheSecond() throws IOException {
            List<String> lines = export(JournalQuery.all());
            lines.set(2, lines.set(4, lines.get(2)));

            Run run = verify(lines);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEqualTo("FAILED line 4 (sequence 4): sequence 4 does not come after sequence 5"
                    + " on the line before");
        }

        @Test
        void anEntryRewrittenWithANewHashBreaksTheChainAtTheNextLine() throws IOException {
            List<String> lines = export(JournalQuery.all());
            JournalEntry e = JournalLines.parse(lines.get(2));
            String hash = JournalHashes.hash(e.sequence(), e.at(), "mallory", e.operation(), e.model(), e.version(),
                    e.requestId(), e.details(), e.previousHash());
            JournalEntry forged = new JournalEntry(e.sequence(), e.at(), "mallory", e.operation(), e.model(),
                    e.version(), e.details(), e.requestId(), e.previousHash(), hash);
            lines.set(2, new String(JournalLines.line(forged), StandardCharsets.UTF_8).strip());

            Run run = verify(lines);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILED line 4 (sequence 4): its previous hash ");
        }

        @Test
        void aWrongHeadFailsNamingTheLastLine() throws IOException {
            Run run = verify(export(JournalQuery.all()), "--head", "0".repeat(63) + "1");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILED line 8 (sequence 8): the last hash ").endsWith(" is not the head "
                    + "0".repeat(63) + "1");
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void aLineThatIsNotJsonFailsNamingIt() throws IOException {
            List<String> lines = export(JournalQuery.all());
            lines.set(1, "{\"sequence\": 2,");

            Run run = verify(lines);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILED line 2: not JSON");
        }

        @Test
        void aMissingOrMistypedFieldFailsNamingTheField() throws IOException {
            List<String> lines = export(JournalQuery.all());
            lines.set(0, lines.get(0).replace("\"hash\":", "\"hush\":"));
            assertThat(verify(lines).out()).isEqualTo("FAILED line 1: field \"hash\" is missing");

            lines = export(JournalQuery.all());
            lines.set(1, lines.get(1).replace("\"version\":1,", "\"version\":\"1\","));
            assertThat(verify(lines).out()).isEqualTo("FAILED line 2: field \"version\" is not a whole number");

            lines = export(JournalQuery.all());
            lines.add(4, "");
            assertThat(verify(lines).out()).isEqualTo("FAILED line 5: empty line");
        }

        @Test
        void bytesThatAreNotUtf8FailTheirLine() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(String.join("\n", export(JournalQuery.all()).subList(0, 2)).getBytes(StandardCharsets.UTF_8));
            bytes.write(new byte[] {'\n', '{', (byte) 0xC3, '}', '\n'});

            Run run = run(new ByteArrayInputStream(bytes.toByteArray()), "-");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEqualTo("FAILED line 3: not valid UTF-8");
        }
    }

    @Nested
    class CommandLine {

        @Test
        void aUsageErrorOrAnUnreadableFileExitsWithTwo() {
            assertThat(run(InputStream.nullInputStream()).exitCode()).isEqualTo(2);
            assertThat(run(InputStream.nullInputStream(), "a.jsonl", "--frobnicate").exitCode()).isEqualTo(2);
            assertThat(run(InputStream.nullInputStream(), "a.jsonl", "--head").exitCode()).isEqualTo(2);
            assertThat(run(InputStream.nullInputStream(), "a.jsonl", "b.jsonl").exitCode()).isEqualTo(2);
            Run missing = run(InputStream.nullInputStream(), dir.resolve("absent.jsonl").toString());
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).startsWith("cannot read ").contains("absent.jsonl");
            assertThat(missing.out()).isEmpty();
        }

        @Test
        void theVerifierRunsAsAProgramOfItsOwnAndSaysByItsExitCodeWhetherAnExportVerifies() throws Exception {
            List<String> lines = export(JournalQuery.all());
            Path good = write(dir.resolve("good.jsonl"), lines);
            lines.set(6, lines.get(6).replace("\"principal\":\"bob\"", "\"principal\":\"eve\""));
            Path tampered = write(dir.resolve("tampered.jsonl"), lines);

            Run ok = child(good.toString(), "--head", head());
            Run failed = child(tampered.toString());
            Run unreadable = child(dir.resolve("absent.jsonl").toString());

            assertThat(ok).isEqualTo(new Run(0, "OK 8 entries, sequences 1..8, last hash " + head(), ""));
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.out()).startsWith("FAILED line 7 (sequence 7): the entry does not match its hash");
            assertThat(unreadable.exitCode()).isEqualTo(2);
            assertThat(unreadable.err()).contains("absent.jsonl");
        }

        private Run child(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    AuditVerifier.class.getName()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(dir, "verifier", ".out");
            Path err = Files.createTempFile(dir, "verifier", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("verifier ended").isTrue();
            return new Run(process.exitValue(), Files.readString(out).strip(), Files.readString(err).strip());
        }
    }
}
