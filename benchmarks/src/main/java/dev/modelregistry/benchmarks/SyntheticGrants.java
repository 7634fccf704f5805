package dev.modelregistry.benchmarks;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The stored grants of the access-control variant of the metadata benchmark ({@code bench.access}):
 * {@value #TOTAL} grants over users, services, groups, namespaces and models of a
 * {@link SyntheticCatalog}, a function of the catalog like everything else, and the guarded principal
 * that holds some of them.
 *
 * <p>The principal is the user {@code analyst} in the groups {@code readers} and {@code trainers}:
 * {@code group:readers} is READER on every 20th model and on {@code namespace:research},
 * {@code group:trainers} CONTRIBUTOR on every 100th model (offset 1), {@code user:analyst}
 * CONTRIBUTOR on every 200th (offset 2) and READER on {@code namespace:sandbox}. The catalog's names
 * have no namespace, so the two namespace grants cover none of its models, but they are in every
 * permission filter of a search ({@code namespace IN (...)}). At 10,000 models that is 652 grants of the
 * principal and 650 readable models (6.5% of the catalog), 150 of them writable. The other grants go to
 * 60 users, 10 services and 8 team groups on random models, 20 namespaces and the registry.
 */
final class SyntheticGrants {

    /** Grants stored in all. */
    static final int TOTAL = 1_000;

    private static final Principal PRINCIPAL = Principal.user("analyst", "readers", "trainers");
    private static final Role[] OTHER_ROLES = {Role.READER, Role.CONTRIBUTOR, Role.PROMOTER, Role.OWNER};

    private final SyntheticCatalog catalog;
    private final List<Grant> grants;
    private final int[] readable;
    private final int[] writable;

    SyntheticGrants(SyntheticCatalog catalog) {
        this.catalog = catalog;
        Set<Grant> all = new LinkedHashSet<>();
        for (int m = 0; m < catalog.models(); m++) {
            String name = SyntheticCatalog.modelName(m);
            if (m % 20 == 0) {
                all.add(new Grant(Subject.group("readers"), Role.READER, Scope.model(name)));
            }
            if (m % 100 == 1) {
                all.add(new Grant(Subject.group("trainers"), Role.CONTRIBUTOR, Scope.model(name)));
            }
            if (m % 200 == 2) {
                all.add(new Grant(Subject.user("analyst"), Role.CONTRIBUTOR, Scope.model(name)));
            }
        }
        all.add(new Grant(Subject.group("readers"), Role.READER, Scope.namespace("research")));
        all.add(new Grant(Subject.user("analyst"), Role.READER, Scope.namespace("sandbox")));
        SplittableRandom random = new SplittableRandom(20261207L);
        while (all.size() < TOTAL) {
            Subject subject = switch (random.nextInt(3)) {
                case 0 -> Subject.user("user-" + random.nextInt(60));
                case 1 -> Subject.group("team-" + random.nextInt(8));
                default -> Subject.service("svc-" + random.nextInt(10));
            };
            int where = random.nextInt(50);
            Scope scope = where == 0 ? Scope.registry()
                    : where < 13 ? Scope.namespace("ns-" + random.nextInt(20))
                    : Scope.model(SyntheticCatalog.modelName(random.nextInt(catalog.models())));
            Role role = scope.kind() == Scope.Kind.REGISTRY ? Role.READER : OTHER_ROLES[random.nextInt(OTHER_ROLES.length)];
            all.add(new Grant(subject, role, scope));
        }
        this.grants = List.copyOf(all);
        this.readable = IntStream.range(0, catalog.models()).filter(this::mayRead).toArray();
        this.writable = IntStream.range(0, catalog.models()).filter(this::mayWrite).toArray();
    }

    /** The guarded registry's principal. */
    static Principal principal() {
        return PRINCIPAL;
    }

    List<Grant> grants() {
        return grants;
    }

    /** Whether the principal may read the catalog's model {@code m}. */
    boolean mayRead(int m) {
        return m % 20 == 0 || mayWrite(m);
    }

    /** Whether the principal may register versions of the catalog's model {@code m}. */
    boolean mayWrite(int m) {
        return m % 100 == 1 || m % 200 == 2;
    }

    /** The models the principal may read, ascending. */
    int[] readableModels() {
        return readable.clone();
    }

    /** The models the principal may register versions of, ascending. */
    int[] writableModels() {
        return writable.clone();
    }

    /** Grants the principal's subjects hold. */
    long principalGrants() {
        Set<Subject> mine = PRINCIPAL.subjects();
        return grants.stream().filter(g -> mine.contains(g.subject())).count();
    }

    /** Writes every grant into the {@code grants} table as the store writes them; returns the rows. */
    int insert(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO grants (subject, scope, role, granted_by,"
                + " granted_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Grant g : grants) {
                p.setString(1, g.subject().toString());
                p.setString(2, g.scope().toString());
                p.setString(3, g.role().name());
                p.setString(4, SyntheticCatalog.CREATED_BY);
                p.setLong(5, SyntheticCatalog.FIRST_CREATED_AT);
                p.addBatch();
            }
            p.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        return grants.size();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d grants; the principal %s holds %d of them and may read %d"
                        + " of %d models, register into %d", grants.size(), PRINCIPAL, principalGrants(),
                readable.length, catalog.models(), writable.length);
    }
}
