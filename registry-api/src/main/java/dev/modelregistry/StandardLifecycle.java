package dev.modelregistry;

import static dev.modelregistry.StandardStage.ARCHIVED;
import static dev.modelregistry.StandardStage.DEVELOPMENT;
import static dev.modelregistry.StandardStage.PRODUCTION;
import static dev.modelregistry.StandardStage.STAGING;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The lifecycle documented on {@link Lifecycle#standard()}. */
final class StandardLifecycle implements Lifecycle {

    static final StandardLifecycle INSTANCE = new StandardLifecycle();

    private static final Map<StandardStage, Set<StandardStage>> ALLOWED = Map.of(
            DEVELOPMENT, EnumSet.of(STAGING, PRODUCTION, ARCHIVED),
            STAGING, EnumSet.of(DEVELOPMENT, PRODUCTION, ARCHIVED),
            PRODUCTION, EnumSet.of(STAGING, ARCHIVED),
            ARCHIVED, EnumSet.of(DEVELOPMENT, STAGING, PRODUCTION));

    private StandardLifecycle() {
    }

    @Override
    public Stage initial() {
        return DEVELOPMENT;
    }

    @Override
    public List<Stage> stages() {
        return List.of(StandardStage.values());
    }

    @Override
    public boolean allows(Stage from, Stage to) {
        return from instanceof StandardStage f && to instanceof StandardStage t && ALLOWED.get(f).contains(t);
    }

    @Override
    public Optional<Stage> displacementOf(Stage stage) {
        return stage == PRODUCTION ? Optional.of(ARCHIVED) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Lifecycle.standard()";
    }
}
