package dev.modelregistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a custom {@link Lifecycle}: its stages, the initial one, the allowed moves, and which
 * stages are exclusive (at most one version per model) and where a displaced version goes.
 *
 * <pre>{@code
 * Lifecycle lifecycle = Lifecycle.builder()
 *         .stages("DRAFT", "CANARY", "LIVE", "RETIRED")
 *         .initial("DRAFT")
 *         .allow("DRAFT", "CANARY", "RETIRED")
 *         .allow("CANARY", "LIVE", "DRAFT", "RETIRED")
 *         .allow("LIVE", "RETIRED")
 *         .allow("RETIRED", "LIVE")
 *         .exclusive("LIVE", "RETIRED")
 *         .build();
 * }</pre>
 *
 * Stage names are validated like a model name's segment, and start with an upper-case letter, so
 * that a reference such as {@code fraud@LIVE} always means a stage ({@link VersionReference}).
 */
public final class LifecycleBuilder {

    private static final Pattern STAGE = Pattern.compile("[A-Z][A-Za-z0-9._-]{0,63}");

    private final Set<String> stages = new LinkedHashSet<>();
    private final Map<String, Set<String>> moves = new LinkedHashMap<>();
    private final Map<String, String> displacements = new LinkedHashMap<>();
    private String initial;

    LifecycleBuilder() {
    }

    /**
     * Adds stages, in order.
     *
     * @throws InvalidInputException naming a stage name that is not one, or a duplicate
     */
    public LifecycleBuilder stages(String... names) {
        for (String name : names) {
            if (name == null || !STAGE.matcher(name).matches()) {
                throw new InvalidInputException("stage", name, "must start with an upper-case letter A-Z and contain"
                        + " only letters, digits, '.', '_' and '-', at most 64 characters");
            }
            if (!stages.add(name)) {
                throw new InvalidInputException("stage", name, "is listed twice");
            }
        }
        return this;
    }

    /** The stage every new version starts in. */
    public LifecycleBuilder initial(String stage) {
        this.initial = stage;
        return this;
    }

    /** Allows moves from {@code from} to each of {@code to}. */
    public LifecycleBuilder allow(String from, String... to) {
        moves.computeIfAbsent(from, k -> new LinkedHashSet<>()).addAll(List.of(to));
        return this;
    }

    /** Makes {@code stage} exclusive: entering it moves its current version to {@code displacedTo}. */
    public LifecycleBuilder exclusive(String stage, String displacedTo) {
        displacements.put(stage, displacedTo);
        return this;
    }

    /**
     * Builds the lifecycle.
     *
     * @throws InvalidInputException naming the value if there is no stage, no initial stage, or a
     *         move or displacement names a stage that is not listed or moves a stage to itself
     */
    public Lifecycle build() {
        if (stages.isEmpty()) {
            throw new InvalidInputException("lifecycle", "", "has no stages");
        }
        known("initial stage", Objects.requireNonNullElse(initial, ""));
        moves.forEach((from, to) -> {
            known("stage a move leaves", from);
            for (String t : to) {
                known("stage a move enters", t);
                if (t.equals(from)) {
                    throw new InvalidInputException("move", from + " -> " + t, "goes nowhere");
                }
            }
        });
        displacements.forEach((stage, to) -> {
            known("exclusive stage", stage);
            known("displacement stage", to);
            if (to.equals(stage)) {
                throw new InvalidInputException("displacement", stage + " -> " + to, "goes nowhere");
            }
        });
        return new CustomLifecycle(new ArrayList<>(stages), initial, moves, displacements);
    }

    private void known(String what, String stage) {
        if (!stages.contains(stage)) {
            throw new InvalidInputException(what, stage, "is not one of the stages " + stages);
        }
    }

    /** A stage of a custom lifecycle, known by its name. */
    record NamedStage(String name) implements Stage {
    }

    /** A lifecycle built here; immutable. */
    static final class CustomLifecycle implements Lifecycle {
        private final List<Stage> stages;
        private final Stage initial;
        private final Map<String, Set<String>> moves;
        private final Map<String, String> displacements;

        CustomLifecycle(List<String> stages, String initial, Map<String, Set<String>> moves,
                        Map<String, String> displacements) {
            this.stages = stages.stream().map(LifecycleBuilder::stageNamed).toList();
            this.initial = stageNamed(initial);
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            moves.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
            this.moves = Map.copyOf(copy);
            this.displacements = Map.copyOf(displacements);
        }

        @Override
        public Stage initial() {
            return initial;
        }

        @Override
        public List<Stage> stages() {
            return stages;
        }

        @Override
        public boolean allows(Stage from, Stage to) {
            return moves.getOrDefault(from.name(), Set.of()).contains(to.name())
                    && stages.contains(stageNamed(to.name()));
        }

        @Override
        public Optional<Stage> displacementOf(Stage stage) {
            return Optional.ofNullable(displacements.get(stage.name())).map(LifecycleBuilder::stageNamed);
        }

        @Override
        public String toString() {
            return "Lifecycle" + stages.stream().map(Stage::name).toList();
        }
    }

    /** The stage called {@code name}: the standard one if there is one, so that both compare equal. */
    static Stage stageNamed(String name) {
        for (StandardStage s : StandardStage.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return new NamedStage(name);
    }
}
