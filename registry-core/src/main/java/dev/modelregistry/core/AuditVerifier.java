package dev.modelregistry.core;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.JournalHashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a journal export ({@link dev.modelregistry.journal.Journal#export}) without a registry:
 * every line's hash against its content, the chain between entries with consecutive sequences,
 * sequences strictly increasing, and optionally the last hash against a head recorded elsewhere
 * (docs/JOURNAL.md, "Exporting and verifying"). A gap in the sequences is what a filtered export
 * looks like, so it is counted, not refused, unless the export must be contiguous.
 *
 * <pre>
 * java -cp &lt;registry-core, registry-api and jackson jars&gt; dev.modelregistry.core.AuditVerifier \
 *     export.jsonl [--head HASH] [--contiguous]
 * </pre>
 *
 * <p>It prints one summary line and exits 0 when everything verifies, 1 when something does not
 * (the line names the first failing line), 2 for a usage error or a file it cannot read. This class
 * is stateless and thread-safe.
 */
public final class AuditVerifier {

    private static final String USAGE = "usage: AuditVerifier <export.jsonl | -> [--head HASH] [--contiguous]";

    private AuditVerifier() {
    }

    /**
     * What a verification found.
     *
     * @param verified      whether every check held
     * @param entries       how many lines were checked (up to and including a failing one)
     * @param firstSequence the sequence of the first entry, 0 if none was read
     * @param lastSequence  the sequence of the last entry read, 0 if none
     * @param lastHash      the hash of the last entry read, {@link JournalHashes#GENESIS} if none
     * @param absent        how many sequences between the first and the last are not in the export
     * @param failedLine     the number (from 1) of the first line that failed, 0 if none did
     * @param failedSequence the sequence of the entry on the failed line, 0 if none or unreadable
     * @param problem        what failed, empty if nothing did
     */
    public record Result(boolean verified, long entries, long firstSequence, long lastSequence, String lastHash,
                         long absent, long failedLine, long failedSequence, String problem) {

        public Result {
            Objects.requireNonNull(lastHash, "lastHash");
            Objects.requireNonNull(problem, "problem");
        }

        /** The exit code of the command line: 0 if verified, else 1. */
        public int exitCode() {
            return verified ? 0 : 1;
        }

        /**
         * The summary line: {@code OK 12 entries, sequences 1..12, last hash <hash>} or
         * {@code FAILED line 7 (sequence 7): <problem>}.
         */
        public String summary() {
            if (!verified) {
                return "FAILED line " + failedLine + (failedSequence > 0 ? " (sequence " + failedSequence + ")" : "")
                        + ": " + problem;
            }
            if (entries == 0) {
                return "OK 0 entries";
            }
            return "OK " + entries + (entries == 1 ? " entry" : " entries") + ", sequences " + firstSequence + ".."
                    + lastSequence + (absent == 0 ? "" : " (" + absent + " not in the export)") + ", last hash "
                    + lastHash;
        }
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the export file ({@code -} for standard input), then optionally {@code --head HASH}
     *             and {@code --contiguous}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the command line with the given streams: prints the summary to {@code out}, or a usage or
     * read error to {@code err}.
     *
     * @return the exit code: 0 verified, 1 not verified, 2 usage error or unreadable input
     */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String file = null;
        Optional<String> head = Optional.empty();
        boolean contiguous = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--head") && i + 1 < args.length) {
                head = Optional.of(args[++i]);
            } else if (arg.equals("--contiguous")) {
                contiguous = true;
            } else if (file == null && (arg.equals("-") || !arg.startsWith("-"))) {
                file = arg;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
            Result result = verify(in, head, contiguous || head.isPresent());
            out.println(result.summary());
            return result.exitCode();
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e);
            return 2;
        }
    }

    /**
     * Verifies an export read from {@code in} (UTF-8 JSON lines), which is left open.
     *
     * @param head       the hash the last entry must have, if given
     * @param contiguous whether a gap in the sequences fails the verification (the export claims to be
     *                   every entry from its first to its last, as an export of the whole journal is)
     * @throws IOException if reading fails (invalid UTF-8 is a failed line, not an exception)
     */
    public static Result verify(InputStream in, Optional<String> head, boolean contiguous) throws IOException {
        return new Walk(head, contiguous).run(in);
    }

    /** One pass over the lines; fields hold what the lines so far showed. */
    private static final class Walk {

        private final Optional<String> head;
        private final boolean contiguous;
        private long lineNumber;
        private long entries;
        private long first;
        private long last;
        private String lastHash = JournalHashes.GENESIS;
        private long absent;
        private long current;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        Walk(Optional<String> head, boolean contiguous) {
            this.head = head;
            this.contiguous = contiguous;
        }

        Result run(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; ) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, from, i - from);
                        Optional<Result> failed = endLine(line);
                        if (failed.isPresent()) {
                            return failed.get();
                        }
                        from = i + 1;
                    }
                }
                line.write(buffer, from, n - from);
            }
            if (line.size() > 0) {
                Optional<Result> failed = endLine(line);
                if (failed.isPresent()) {
                    return failed.get();
                }
            }
            current = last;
            if (head.isPresent() && !head.get().equals(lastHash)) {
                return failed(lineNumber, entries == 0 ? "the export is empty but the head is " + head.get()
                        : "the last hash " + lastHash + " is not the head " + head.get());
            }
            return new Result(true, entries, first, last, lastHash, absent, 0, 0, "");
        }

        /** Checks the line in {@code bytes} and empties it; the failure, if it fails. */
        private Optional<Result> endLine(ByteArrayOutputStream bytes) {
            lineNumber++;
            current = 0;
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return Optional.of(failed(lineNumber, "not valid UTF-8"));
            }
            bytes.reset();
            return check(text).map(problem -> failed(lineNumber, problem));
        }

        private Optional<String> check(String text) {
            if (text.isBlank()) {
                return Optional.of("empty line");
            }
            JournalEntry e;
            try {
                e = JournalLines.parse(text);
            } catch (JournalLines.MalformedLineException ex) {
                return Optional.of(ex.getMessage());
            }
            current = e.sequence();
            long previous = last;
            String previousHash = lastHash;
            entries++;
            first = entries == 1 ? e.sequence() : first;
            last = e.sequence();
            lastHash = e.hash();
            if (e.sequence() < 1) {
                return Optional.of("sequence " + e.sequence() + " is not positive");
            }
            if (entries > 1 && e.sequence() <= previous) {
                return Optional.of("sequence " + e.sequence() + " does not come after sequence " + previous
                        + " on the line before");
            }
            if (!JournalHashes.hashOf(e).equals(e.hash())) {
                return Optional.of("the entry does not match its hash " + e.hash());
            }
            boolean follows = entries > 1 ? e.sequence() == previous + 1 : e.sequence() == 1;
            if (follows && !e.previousHash().equals(previousHash)) {
                return Optional.of("its previous hash " + e.previousHash() + " is not the hash "
                        + previousHash + " of " + (entries > 1 ? "sequence " + previous : "the start of the journal"));
            }
            if (entries > 1 && !follows) {
                if (contiguous) {
                    return Optional.of((e.sequence() - previous == 2 ? "sequence " + (previous + 1) + " is"
                            : "sequences " + (previous + 1) + ".." + (e.sequence() - 1) + " are")
                            + " missing from a contiguous export");
                }
                absent += e.sequence() - previous - 1;
            }
            return Optional.empty();
        }

        private Result failed(long line, String problem) {
            return new Result(false, entries, first, last, lastHash, absent, line, current, problem);
        }
    }
}
