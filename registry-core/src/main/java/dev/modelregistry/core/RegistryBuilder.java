package dev.modelregistry.core;

import dev.modelregistry.Gate;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.MetadataStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Registry} from a metadata store and an artifact store. Defaults: the
 * {@linkplain Lifecycle#standard() standard lifecycle}, the system UTC clock, and the operating
 * system user ({@code user.name}) as principal.
 *
 * <p>The built registry owns the stores and closes them when it is closed. A builder is not
 * thread-safe; {@link #build()} leaves it reusable.
 */
public final class RegistryBuilder {

    private MetadataStore metadataStore;
    private ArtifactStore artifactStore;
    private Lifecycle lifecycle = Lifecycle.standard();
    private Clock clock = Clock.systemUTC();
    private String principal = System.getProperty("user.name", "unknown");
    private Principal principalValue;
    private AccessPolicy accessPolicy;
    private final Set<Subject> admins = new TreeSet<>();
    private java.time.Duration grantCacheTtl = AccessConfig.DEFAULT_CACHE_TTL;
    /** The event source of a registry built without {@link #eventSource}. */
    static final String DEFAULT_EVENT_SOURCE = "urn:dev.modelregistry:registry";

    private String eventSource = DEFAULT_EVENT_SOURCE;
    private final Map<String, List<Gate>> gates = new LinkedHashMap<>();
    private final Map<String, List<Gate>> aliasGates = new LinkedHashMap<>();

    RegistryBuilder() {
    }

    /** Where models, versions, stages and history are stored. Required. */
    public RegistryBuilder metadataStore(MetadataStore metadataStore) {
        this.metadataStore = Objects.requireNonNull(metadataStore, "metadataStore");
        return this;
    }

    /** Where the versions' files are stored. Required. */
    public RegistryBuilder artifactStore(ArtifactStore artifactStore) {
        this.artifactStore = Objects.requireNonNull(artifactStore, "artifactStore");
        return this;
    }

    /** The stages and the rules for moving between them. */
    public RegistryBuilder lifecycle(Lifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        return this;
    }

    /** The clock that timestamps every change; inject a fixed one for deterministic tests. */
    public RegistryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Who the registry acts as; recorded on every change.
     *
     * @throws dev.modelregistry.InvalidInputException if the principal is blank, too long or holds
     *         control, invisible or text-direction characters (checked at once)
     */
    public RegistryBuilder principal(String principal) {
        this.principalValue = Principal.parse(
                Validation.principal(Objects.requireNonNull(principal, "principal")));
        return this;
    }

    /**
     * Who the registry acts as, with its groups; recorded on every change and, with access control,
     * checked like any other principal. The built registry may hand out views as anyone
     * ({@link Registry#as}): the application that holds it authenticates its callers.
     */
    public RegistryBuilder principal(Principal principal) {
        this.principalValue = Objects.requireNonNull(principal, "principal");
        return this;
    }

    /**
     * Turns access control on (docs/ACCESS.md): every operation is then checked by {@code policy},
     * usually {@link dev.modelregistry.access.AccessPolicy#grants()}. Without it the registry is open:
     * every principal may do everything, and grants are kept but not enforced.
     */
    public RegistryBuilder accessPolicy(AccessPolicy policy) {
        this.accessPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Makes {@code subject} an administrator by configuration, so that a new registry has someone
     * who can grant the first roles; recorded in the journal ({@code access.configured}) whenever
     * the configured set changes. May be called several times.
     */
    public RegistryBuilder admin(Subject subject) {
        admins.add(Objects.requireNonNull(subject, "subject"));
        return this;
    }

    /**
     * How long the access check of a read may rely on grants it read before (default 1 second;
     * {@link java.time.Duration#ZERO} reads them for every check). A grant changed by this registry
     * takes effect at once; one changed by another process within this time. Writes always read
     * grants in their own decision and check them again at the commit.
     *
     * @throws IllegalArgumentException if negative
     */
    public RegistryBuilder grantCacheTtl(java.time.Duration ttl) {
        if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
            throw new IllegalArgumentException("negative grant cache time " + ttl);
        }
        this.grantCacheTtl = ttl;
        return this;
    }

    /**
     * The registry's id in its events: their CloudEvents {@code source}, a URI such as
     * {@code https://models.example.com/registry} or {@code urn:example:registry:prod}. Every process
     * of one registry should use the same; two registries whose events meet in one pipeline need
     * different ones, since a source and an event id identify an event. Default
     * {@value #DEFAULT_EVENT_SOURCE}.
     *
     * @throws dev.modelregistry.InvalidInputException if it is not an absolute URI of at most 512 characters
     */
    public RegistryBuilder eventSource(java.net.URI source) {
        Objects.requireNonNull(source, "source");
        if (!source.isAbsolute() || source.toString().length() > 512) {
            throw new InvalidInputException("event source", source.toString(),
                    "must be an absolute URI of at most 512 characters");
        }
        this.eventSource = source.toString();
        return this;
    }

    /**
     * Adds a gate to entering {@code stage}: every move into it must meet all of the stage's gates
     * (see {@link Gate}). Checked against the lifecycle when the registry is built.
     */
    public RegistryBuilder gate(Stage stage, Gate gate) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(gate, "gate");
        gates.computeIfAbsent(stage.name(), k -> new ArrayList<>()).add(gate);
        return this;
    }

    /**
     * Protects an alias with a gate: setting or moving {@code alias} of any model onto a version
     * requires the version to meet all of the alias's gates, as entering a stage does (a rollback
     * of the alias does not check them). {@link dev.modelregistry.Gates#approvals(int)} applies to
     * stages only: an alias moves without a request.
     *
     * @throws dev.modelregistry.InvalidInputException if {@code alias} cannot be an alias, or the
     *         gate is an approvals gate
     */
    public RegistryBuilder protectAlias(String alias, Gate gate) {
        Objects.requireNonNull(gate, "gate");
        if (gate.fourEyes()) {
            throw new InvalidInputException("gate of alias " + alias, gate.requirement(),
                    "needs a promotion request, which only stage moves have");
        }
        aliasGates.computeIfAbsent(Objects.requireNonNull(alias, "alias"), k -> new ArrayList<>()).add(gate);
        return this;
    }

    /**
     * Builds the registry.
     *
     * @throws IllegalStateException                   if a store is missing
     * @throws dev.modelregistry.InvalidInputException if the default principal (the OS user) is not a
     *         valid principal, or a gate is on a stage the lifecycle does not have
     * @throws dev.modelregistry.IncompatibleLifecycleException if the store's recorded lifecycle or
     *         its versions have stages the lifecycle lacks; the stores are closed
     */
    public Registry build() {
        if (metadataStore == null) {
            throw new IllegalStateException("metadataStore is required");
        }
        if (artifactStore == null) {
            throw new IllegalStateException("artifactStore is required");
        }
        Set<String> stages = new HashSet<>();
        lifecycle.stages().forEach(s -> stages.add(s.name()));
        for (String stage : gates.keySet()) {
            if (!stages.contains(stage)) {
                throw new InvalidInputException("gated stage", stage, "is not a stage of the lifecycle " + stages);
            }
        }
        aliasGates.keySet().forEach(alias -> Aliases.validate(alias, lifecycle));
        if (!admins.isEmpty() && accessPolicy == null) {
            throw new IllegalStateException("administrators " + admins + " are configured but no access policy");
        }
        Principal who = principalValue != null ? principalValue
                : Principal.parse(Validation.principal(principal));
        DefaultRegistry registry = new DefaultRegistry(metadataStore, artifactStore, lifecycle, clock, who, gates,
                aliasGates, eventSource, new AccessConfig(accessPolicy, admins, grantCacheTtl));
        try {
            RecordedConfiguration.lifecycle(registry);
            RecordedConfiguration.access(registry);
        } catch (RuntimeException e) {
            try {
                registry.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return registry;
    }
}
