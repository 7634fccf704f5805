package dev.modelregistry.core;

import static dev.modelregistry.core.MarkdownText.code;
import static dev.modelregistry.core.MarkdownText.table;
import static dev.modelregistry.core.MarkdownText.text;
import static dev.modelregistry.core.MarkdownText.textOr;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.StageTransition;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.TrainingRun;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a version's Markdown model card (layout in docs/LINEAGE.md), in the sections of a Hugging
 * Face model card that apply; a pure function of its facts, so the same facts give the same text.
 */
final class ModelCards {

    private ModelCards() {
    }

    /**
     * What a card is written from.
     *
     * @param version      the version
     * @param model        its model
     * @param lineage      its recorded lineage
     * @param aliases      the aliases pointing at it now
     * @param evaluations  its evaluations, oldest first
     * @param stageHistory its stage history, registration first
     * @param aliasHistory the model's alias moves ({@code alias:<name>} changes), oldest first
     */
    record Facts(ModelVersion version, Model model, Lineage lineage, List<String> aliases, List<Evaluation> evaluations,
                 List<StageTransition> stageHistory, List<ModelChange> aliasHistory) {

        Facts {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(lineage, "lineage");
            aliases = aliases.stream().sorted().toList();
            evaluations = List.copyOf(evaluations);
            stageHistory = List.copyOf(stageHistory);
            aliasHistory = List.copyOf(aliasHistory);
        }
    }

    /** The card: YAML front matter, a title and the sections, each present even when it has nothing to show. */
    static String write(Facts facts) {
        StringBuilder out = new StringBuilder(4_096);
        frontMatter(out, facts);
        ModelVersion v = facts.version();
        out.append("# ").append(text(v.model())).append(" v").append(v.version()).append("\n\n");
        details(out, facts);
        trainingData(out, facts.lineage());
        trainingProcedure(out, v, facts.lineage());
        evaluation(out, v, facts.evaluations());
        parents(out, facts.lineage());
        environment(out, facts.lineage());
        history(out, facts);
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static void frontMatter(StringBuilder out, Facts facts) {
        ModelVersion v = facts.version();
        List<String> tags = new TreeMap<>(v.tags()).entrySet().stream()
                .map(t -> t.getValue().isEmpty() ? t.getKey() : t.getKey() + "=" + t.getValue()).toList();
        List<String> libraries = facts.lineage().environment().map(e -> List.copyOf(e.libraries().keySet()))
                .orElse(List.of());
        List<String> datasets = facts.lineage().datasets().stream().map(Dataset::uri).distinct().toList();
        out.append("---\n")
                .append("model: ").append(MarkdownText.yaml(v.model())).append('\n')
                .append("version: ").append(v.version()).append('\n')
                .append("stage: ").append(MarkdownText.yaml(v.stage().name())).append('\n')
                .append("aliases: ").append(MarkdownText.yamlList(facts.aliases())).append('\n')
                .append("tags: ").append(MarkdownText.yamlList(tags)).append('\n')
                .append("libraries: ").append(MarkdownText.yamlList(libraries)).append('\n')
                .append("datasets: ").append(MarkdownText.yamlList(datasets)).append('\n')
                .append("---\n\n");
    }

    private static void details(StringBuilder out, Facts facts) {
        ModelVersion v = facts.version();
        heading(out, "## Model details");
        out.append("- Description: ").append(textOr(v.description(), "none")).append('\n')
                .append("- Model description: ").append(textOr(facts.model().description(), "none")).append('\n')
                .append("- Created by: ").append(text(v.createdBy())).append('\n')
                .append("- Created at: ").append(v.createdAt()).append('\n')
                .append("- Digest: ").append(code(v.digest())).append('\n')
                .append("- Stage: ").append(text(v.stage().name())).append('\n')
                .append("- Aliases: ").append(facts.aliases().isEmpty() ? "none"
                        : facts.aliases().stream().map(MarkdownText::text).collect(Collectors.joining(", ")))
                .append("\n\n");
        heading(out, "### Files");
        tableOr(out, List.of("Path", "Size (bytes)", "SHA-256"), v.files().stream()
                .map(f -> List.of(text(f.path()), Long.toString(f.size()), code(f.sha256()))).toList(),
                "No files recorded.");
    }

    private static void trainingData(StringBuilder out, Lineage lineage) {
        heading(out, "## Training data");
        tableOr(out, List.of("Role", "URI", "Digest", "Rows", "Description"), lineage.datasets().stream()
                .map(d -> List.of(d.role().text(), text(d.uri()), d.digest().map(MarkdownText::code).orElse(""),
                        d.rows().isPresent() ? Long.toString(d.rows().getAsLong()) : "", text(d.description())))
                .toList(), "No datasets recorded.");
    }

    private static void trainingProcedure(StringBuilder out, ModelVersion v, Lineage lineage) {
        heading(out, "## Training procedure");
        heading(out, "### Parameters");
        tableOr(out, List.of("Parameter", "Value"), new TreeMap<>(v.params()).entrySet().stream()
                .map(p -> List.of(text(p.getKey()), text(p.getValue()))).toList(), "No parameters recorded.");
        heading(out, "### Code");
        if (lineage.code().isEmpty()) {
            out.append("No code version recorded.\n\n");
        } else {
            CodeVersion c = lineage.code().get();
            out.append("- Repository: ").append(c.repository().map(MarkdownText::text).orElse("unknown")).append('\n')
                    .append("- Commit: ").append(c.commit().map(MarkdownText::code).orElse("unknown")).append('\n')
                    .append("- Branch: ").append(c.branch().map(b -> textOr(b, "none (detached HEAD)"))
                            .orElse("unknown")).append('\n')
                    .append("- Dirty: ").append(c.dirty().map(d -> d ? "yes" : "no").orElse("unknown")).append('\n')
                    .append("- Source: ").append(text(c.source())).append('\n');
            if (!c.unknown().isEmpty()) {
                out.append("- Not found out: ").append(text(String.join("; ", c.unknown()))).append('\n');
            }
            out.append('\n');
        }
        heading(out, "### Run");
        if (lineage.run().isEmpty()) {
            out.append("No training run recorded.\n\n");
        } else {
            TrainingRun r = lineage.run().get();
            out.append("- Tracker: ").append(text(r.tracker())).append('\n')
                    .append("- Run id: ").append(text(r.runId())).append('\n')
                    .append("- Link: ").append(r.url().map(u -> link(u.toString())).orElse("none")).append("\n\n");
        }
    }

    /**
     * A link to an http(s) URL, which {@link java.net.URI} keeps free of spaces, quotes and angle
     * brackets; {@code &} is written as an entity so the destination is not read as one.
     */
    private static String link(String url) {
        if (url.chars().anyMatch(c -> c == '<' || c == '>' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            return text(url);
        }
        return "[" + text(url) + "](<" + url.replace("&", "&amp;") + ">)";
    }

    private static void evaluation(StringBuilder out, ModelVersion v, List<Evaluation> evaluations) {
        heading(out, "## Evaluation");
        heading(out, "### Metrics at registration");
        tableOr(out, List.of("Metric", "Value"), new TreeMap<>(v.metrics()).entrySet().stream()
                .map(m -> List.of(text(m.getKey()), Double.toString(m.getValue()))).toList(),
                "No metrics recorded at registration.");
        heading(out, "### Evaluations");
        tableOr(out, List.of("#", "Name", "Passed", "Metrics", "By", "At"), evaluations.stream()
                .map(e -> List.of(Integer.toString(e.sequence()), text(e.name()), e.passed() ? "yes" : "no",
                        metrics(e.metrics()), text(e.recordedBy()), e.at().toString())).toList(),
                "No evaluations recorded.");
    }

    private static String metrics(Map<String, Double> metrics) {
        return new TreeMap<>(metrics).entrySet().stream().map(m -> text(m.getKey()) + "=" + m.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void parents(StringBuilder out, Lineage lineage) {
        heading(out, "## Lineage");
        tableOr(out, List.of("Parent", "Relation"), lineage.parents().stream()
                .map(p -> List.of(text(p.version().toString()), p.relation().text())).toList(),
                "No parent versions recorded.");
    }

    private static void environment(StringBuilder out, Lineage lineage) {
        heading(out, "## Environment");
        if (lineage.environment().isEmpty()) {
            out.append("No environment recorded.\n\n");
            return;
        }
        Environment e = lineage.environment().get();
        out.append("- JVM: ").append(text(e.jvmVendor() + " " + e.jvmVersion())).append('\n')
                .append("- OS: ").append(text(e.os())).append('\n')
                .append("- Architecture: ").append(text(e.architecture())).append('\n')
                .append("- Registry version: ").append(text(e.registryVersion())).append("\n\n");
        heading(out, "### Libraries");
        tableOr(out, List.of("Library", "Version"), e.libraries().entrySet().stream()
                .map(l -> List.of(text(l.getKey()), text(l.getValue()))).toList(), "No libraries recorded.");
    }

    private static void history(StringBuilder out, Facts facts) {
        heading(out, "## History");
        heading(out, "### Stage transitions");
        tableOr(out, List.of("From", "To", "By", "At", "Comment"), facts.stageHistory().stream()
                .map(t -> List.of(t.from() == null ? "" : text(t.from().name()), text(t.to().name()),
                        text(t.actor()), t.at().toString(), text(t.comment()))).toList(),
                "No stage transitions recorded.");
        heading(out, "### Alias moves");
        String number = Integer.toString(facts.version().version());
        tableOr(out, List.of("Alias", "From version", "To version", "By", "At"), facts.aliasHistory().stream()
                .filter(c -> c.field().startsWith("alias:"))
                .filter(c -> number.equals(c.oldValue()) || number.equals(c.newValue()))
                .map(c -> List.of(text(c.field().substring("alias:".length())), version(c.oldValue()),
                        version(c.newValue()), text(c.actor()), c.at().toString())).toList(),
                "No alias moves recorded.");
    }

    private static String version(String number) {
        return number == null ? "" : "v" + text(number);
    }

    private static void heading(StringBuilder out, String heading) {
        out.append(heading).append("\n\n");
    }

    private static void tableOr(StringBuilder out, List<String> headers, List<List<String>> rows, String none) {
        if (rows.isEmpty()) {
            out.append(none).append('\n');
        } else {
            table(out, headers, rows);
        }
        out.append('\n');
    }
}
