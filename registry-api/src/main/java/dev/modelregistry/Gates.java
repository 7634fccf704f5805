package dev.modelregistry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The built-in {@link Gate}s. */
public final class Gates {

    private Gates() {
    }

    /** The version's registration metric {@code metric} is at least {@code threshold}. */
    public static Gate metricAtLeast(String metric, double threshold) {
        Objects.requireNonNull(metric, "metric");
        return gate(metric + " >= " + threshold, check -> {
            Double value = check.candidate().metrics().get(metric);
            if (value == null) {
                return Optional.of("it has no metric " + metric);
            }
            return value >= threshold ? Optional.empty() : Optional.of(metric + " is " + value);
        });
    }

    /**
     * The version's registration metric {@code metric} is higher than that of every version in the
     * stage now (the challenger beats the champion); met if the stage is empty.
     */
    public static Gate beatsOccupants(String metric) {
        Objects.requireNonNull(metric, "metric");
        return gate(metric + " higher than the versions in the stage", check -> {
            Double value = check.candidate().metrics().get(metric);
            for (ModelVersion occupant : check.occupants()) {
                if (occupant.version() == check.candidate().version()) {
                    continue;
                }
                Double theirs = occupant.metrics().get(metric);
                if (value == null || theirs != null && value <= theirs) {
                    return Optional.of((value == null ? "it has no metric " + metric : metric + " is " + value)
                            + ", v" + occupant.version() + " has " + theirs);
                }
            }
            return Optional.empty();
        });
    }

    /** The version's newest evaluation called {@code name} passed. */
    public static Gate evaluationPassed(String name) {
        Objects.requireNonNull(name, "name");
        return gate("evaluation " + name + " passed", check -> {
            List<Evaluation> evaluations = check.evaluations();
            for (int i = evaluations.size() - 1; i >= 0; i--) {
                Evaluation e = evaluations.get(i);
                if (e.name().equals(name)) {
                    return e.passed() ? Optional.empty()
                            : Optional.of("its evaluation " + e.sequence() + " of " + name + " failed");
                }
            }
            return Optional.of("it has no evaluation " + name);
        });
    }

    /** The version was in {@code stage} before (no skipping STAGING on the way to PRODUCTION). */
    public static Gate previouslyIn(Stage stage) {
        Objects.requireNonNull(stage, "stage");
        return gate("was in " + stage.name() + " before", check -> check.history().stream()
                .anyMatch(t -> t.to().name().equals(stage.name())) ? Optional.empty()
                : Optional.of("it never was in " + stage.name()));
    }

    /**
     * At least {@code count} distinct principals approved the move's promotion request, none of
     * them the version's creator or the request's requester (four-eyes): the stage can be entered
     * only through {@link Registry#requestPromotion} and {@link Registry#approve}, and the registry
     * refuses votes by the creator and the requester on such a request.
     *
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public static Gate approvals(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("approvals(" + count + "): at least 1");
        }
        return new Approvals(count);
    }

    /** The approvals gate. */
    private static final class Approvals implements Gate {
        private final int count;

        Approvals(int count) {
            this.count = count;
        }

        @Override
        public String requirement() {
            return count + (count == 1 ? " approval" : " approvals") + " by others than the creator and the requester";
        }

        @Override
        public Optional<String> unmet(GateCheck check) {
            int have = check.approvers().size();
            return have >= count ? Optional.empty() : Optional.of("it has " + have);
        }

        @Override
        public boolean fourEyes() {
            return true;
        }

        @Override
        public String toString() {
            return requirement();
        }
    }

    private static Gate gate(String requirement, java.util.function.Function<GateCheck, Optional<String>> rule) {
        return new Gate() {
            @Override
            public String requirement() {
                return requirement;
            }

            @Override
            public Optional<String> unmet(GateCheck check) {
                return rule.apply(check);
            }

            @Override
            public String toString() {
                return requirement;
            }
        };
    }
}
