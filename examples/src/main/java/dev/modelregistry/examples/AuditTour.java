package dev.modelregistry.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.AuditVerifier;
import dev.modelregistry.core.Registries;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalPage;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.Operations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal as an audit trail: "every stage move of fraud-detector, and who made it", read page by
 * page; an export of the whole journal checked by {@link AuditVerifier} against the head recorded at
 * export time; an export of one model, which verifies too, with the entries it leaves out counted.
 * Runs on a throw-away in-memory registry; the same code works on every backend. On the command
 * line the verifier is {@code java -cp ... dev.modelregistry.core.AuditVerifier export.jsonl --head HASH}
 * (docs/JOURNAL.md).
 */
public final class AuditTour {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditTour() {
    }

    /**
     * What the tour found.
     *
     * @param moves       the stage moves of fraud-detector, as "sequence subject to-stage by principal"
     * @param pages       how many pages of two the query took
     * @param exported    how many lines the whole export has
     * @param whole       the verifier's summary of the whole export, checked against the head
     * @param oneModel    the verifier's summary of the export of fraud-detector alone
     */
    record Output(List<String> moves, int pages, long exported, String whole, String oneModel) {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Output out = run();
        System.out.println("stage moves of fraud-detector, " + out.pages() + " pages: " + out.moves());
        System.out.println("whole journal, " + out.exported() + " lines: " + out.whole());
        System.out.println("fraud-detector alone: " + out.oneModel());
    }

    static Output run() {
        try (Registry registry = Registries.inMemory()) {
            ModelVersion v1 = register(registry.as("trainer"), "fraud-detector", "weights v1");
            ModelVersion v2 = register(registry.as("trainer"), "fraud-detector", "weights v2");
            register(registry.as("trainer"), "churn", "churn v1");
            registry.as("data-scientist").transition(v1, Stage.STAGING, "holdout passed");
            registry.as("release-manager").transition(v1, Stage.PRODUCTION, "first release");
            registry.as("release-manager").transition(v2, Stage.PRODUCTION, "beats v1 on holdout");

            Journal journal = registry.journal();
            JournalQuery moves = JournalQuery.all().withModel("fraud-detector")
                    .withOperations(Operations.VERSION_STAGE_CHANGED).withLimit(2);
            List<String> found = new ArrayList<>();
            JournalPage page = journal.query(moves);
            int pages = 1;
            while (true) {
                for (JournalEntry e : page.entries()) {
                    found.add(e.sequence() + " " + e.subject() + " " + stageAfter(e) + " by " + e.principal());
                }
                if (!page.more()) {
                    break;
                }
                page = journal.query(moves.withAfter(page.next()));
                pages++;
            }

            // Record the head where the export cannot change it (a log, a ticket); check against it later.
            String head = journal.after(journal.head() - 1, 1).get(0).hash();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            long exported = journal.export(JournalQuery.all(), whole);
            ByteArrayOutputStream oneModel = new ByteArrayOutputStream();
            journal.export(JournalQuery.all().withModel("fraud-detector"), oneModel);

            return new Output(found, pages, exported, verify(whole, Optional.of(head)),
                    verify(oneModel, Optional.empty()));
        }
    }

    private static ModelVersion register(Registry registry, String model, String weights) {
        return registry.register(model).content("model.onnx", weights.getBytes(StandardCharsets.UTF_8)).commit();
    }

    private static String stageAfter(JournalEntry stageChange) {
        try {
            return JSON.readTree(stageChange.details()).path("to").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String verify(ByteArrayOutputStream export, Optional<String> head) {
        try {
            return AuditVerifier.verify(new ByteArrayInputStream(export.toByteArray()), head, head.isPresent())
                    .summary();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
