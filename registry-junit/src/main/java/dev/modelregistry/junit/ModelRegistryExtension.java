package dev.modelregistry.junit;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.core.Registries;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests of models and of code that uses the registry.
 *
 * <ul>
 *   <li>Injects a {@link Registry} into test and lifecycle methods: with
 *       {@code @ExtendWith(ModelRegistryExtension.class)}, a throw-away in-memory registry per test
 *       class; with {@code @RegisterExtension static ModelRegistryExtension r =
 *       ModelRegistryExtension.using(() -> ...)}, the registry you build (with your gates, on your
 *       store), opened before the class's first test and closed after its last.</li>
 *   <li>Runs {@link Evaluates} tests: resolves the candidate reference into a {@link Candidate}
 *       parameter before the test and records the test's outcome on that version as an
 *       evaluation after it.</li>
 * </ul>
 */
public final class ModelRegistryExtension
        implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ModelRegistryExtension.class);

    private final Supplier<Registry> open;
    private Registry registry;

    /** A throw-away in-memory registry per test class; what {@code @ExtendWith} uses. */
    public ModelRegistryExtension() {
        this(Registries::inMemory);
    }

    private ModelRegistryExtension(Supplier<Registry> open) {
        this.open = open;
    }

    /** The registry that {@code open} returns, opened before the class's first test and closed after its last. */
    public static ModelRegistryExtension using(Supplier<Registry> open) {
        return new ModelRegistryExtension(Objects.requireNonNull(open, "open"));
    }

    /**
     * The registry of the running test class.
     *
     * @throws IllegalStateException outside a test class's run
     */
    public Registry registry() {
        if (registry == null) {
            throw new IllegalStateException("the registry is open only while the test class runs");
        }
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = Objects.requireNonNull(open.get(), "the registry supplier returned null");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Registry.class || type == Candidate.class && evaluates(context).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Registry.class) {
            return registry();
        }
        Evaluates evaluates = evaluates(context).orElseThrow();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Candidate.class, k -> {
            ModelVersion version = registry().resolve(evaluates.value()).orElseThrow(() ->
                    new ParameterResolutionException("No version " + evaluates.value() + " to evaluate"));
            return new Candidate(registry(), version);
        }, Candidate.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<Evaluates> evaluates = evaluates(context);
        if (evaluates.isEmpty()) {
            return;
        }
        Candidate candidate = context.getStore(NAMESPACE).get(Candidate.class, Candidate.class);
        if (candidate == null) {
            ModelVersion version = registry().resolve(evaluates.get().value()).orElseThrow(() ->
                    new IllegalStateException("No version " + evaluates.get().value() + " to record the evaluation on"));
            candidate = new Candidate(registry(), version);
        }
        Optional<Throwable> failure = context.getExecutionException();
        String details = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName()
                + failure.map(f -> ": " + f).orElse("");
        registry().evaluate(candidate.version().ref(), evaluates.get().name(), candidate.metrics(), failure.isEmpty(),
                details.length() > 16_384 ? details.substring(0, 16_384) : details);
    }

    private static Optional<Evaluates> evaluates(ExtensionContext context) {
        return context.getTestMethod().map((Method m) -> m.getAnnotation(Evaluates.class));
    }
}
