package dev.modelregistry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.spi.LineageRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The JSON form of a lineage, as stored with the version and shown in its journal entry
 * (docs/LINEAGE.md), and the links a store indexes.
 */
final class LineageCodec {


    private LineageCodec() {
    }

    /** What the store keeps: the JSON text (empty for none) and the links it indexes. */
    static LineageRecord toRecord(Lineage lineage) {
        if (lineage.isEmpty()) {
            return LineageRecord.NONE;
        }
        List<LineageRecord.DatasetLink> datasets = lineage.datasets().stream()
                .map(d -> new LineageRecord.DatasetLink(LineageRecord.DatasetLink.uriHash(d.uri()), d.digest().orElse(null),
                        d.role().text()))
                .toList();
        List<LineageRecord.ParentLink> parents = lineage.parents().stream()
                .map(p -> new LineageRecord.ParentLink(p.version(), p.relation().text())).toList();
        return new LineageRecord(text(lineage), datasets, parents,
                lineage.run().map(r -> r.runId()).orElse(null),
                lineage.run().flatMap(r -> r.url()).map(Object::toString).orElse(null));
    }

    static String text(Lineage lineage) {
        try {
            return Json.write(node(lineage));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON object of a lineage; keys in a fixed order, absent values left out. */
    static ObjectNode node(Lineage lineage) {
        ObjectNode o = Json.object();
        ArrayNode datasets = o.putArray("datasets");
        for (Dataset d : lineage.datasets()) {
            ObjectNode n = datasets.addObject().put("uri", d.uri());
            d.digest().ifPresent(digest -> n.put("digest", digest));
            n.put("role", d.role().text());
            d.rows().ifPresent(rows -> n.put("rows", rows));
            n.put("description", d.description());
        }
        lineage.code().ifPresent(c -> {
            ObjectNode n = o.putObject("code");
            c.repository().ifPresent(v -> n.put("repository", v));
            c.commit().ifPresent(v -> n.put("commit", v));
            c.branch().ifPresent(v -> n.put("branch", v));
            c.dirty().ifPresent(v -> n.put("dirty", v));
            n.put("source", c.source());
            ArrayNode unknown = n.putArray("unknown");
            c.unknown().forEach(unknown::add);
        });
        lineage.run().ifPresent(r -> {
            ObjectNode n = o.putObject("run").put("tracker", r.tracker()).put("runId", r.runId());
            r.url().ifPresent(u -> n.put("url", u.toString()));
        });
        ArrayNode parents = o.putArray("parents");
        for (ParentModel p : lineage.parents()) {
            parents.addObject().put("model", p.version().model()).put("version", p.version().version())
                    .put("relation", p.relation().text());
        }
        lineage.environment().ifPresent(e -> {
            ObjectNode n = o.putObject("environment").put("jvmVendor", e.jvmVendor()).put("jvmVersion", e.jvmVersion())
                    .put("os", e.os()).put("architecture", e.architecture())
                    .put("registryVersion", e.registryVersion());
            ObjectNode libraries = n.putObject("libraries");
            e.libraries().forEach(libraries::put);
        });
        return o;
    }

    /** The lineage stored as {@code text}; {@link Lineage#NONE} for an empty text. */
    static Lineage parse(String text) {
        if (text == null || text.isEmpty()) {
            return Lineage.NONE;
        }
        JsonNode o;
        try {
            o = Json.read(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored lineage is not JSON: " + text, e);
        }
        List<Dataset> datasets = new ArrayList<>();
        for (JsonNode d : o.path("datasets")) {
            datasets.add(new Dataset(d.path("uri").asText(), optional(d, "digest"),
                    DatasetRole.parse(d.path("role").asText()),
                    d.has("rows") ? OptionalLong.of(d.get("rows").asLong()) : OptionalLong.empty(),
                    d.path("description").asText("")));
        }
        Optional<CodeVersion> code = Optional.ofNullable(o.get("code")).map(c -> {
            List<String> unknown = new ArrayList<>();
            c.path("unknown").forEach(u -> unknown.add(u.asText()));
            return new CodeVersion(optional(c, "repository"), optional(c, "commit"), optional(c, "branch"),
                    c.has("dirty") ? Optional.of(c.get("dirty").asBoolean()) : Optional.empty(),
                    c.path("source").asText(), unknown);
        });
        Optional<TrainingRun> run = Optional.ofNullable(o.get("run")).map(r -> new TrainingRun(
                r.path("tracker").asText(), r.path("runId").asText(), optional(r, "url").map(URI::create)));
        List<ParentModel> parents = new ArrayList<>();
        for (JsonNode p : o.path("parents")) {
            parents.add(new ParentModel(VersionRef.of(p.path("model").asText(), p.path("version").asInt()),
                    Relation.parse(p.path("relation").asText())));
        }
        Optional<Environment> environment = Optional.ofNullable(o.get("environment")).map(e -> {
            Map<String, String> libraries = new TreeMap<>();
            e.path("libraries").fields().forEachRemaining(f -> libraries.put(f.getKey(), f.getValue().asText()));
            return new Environment(e.path("jvmVendor").asText(), e.path("jvmVersion").asText(),
                    e.path("os").asText(), e.path("architecture").asText(), e.path("registryVersion").asText(),
                    libraries);
        });
        return new Lineage(datasets, code, run, parents, environment);
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
