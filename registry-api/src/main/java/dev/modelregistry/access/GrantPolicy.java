package dev.modelregistry.access;

/** {@link AccessPolicy#grants()}. */
enum GrantPolicy implements AccessPolicy {
    INSTANCE;

    @Override
    public AccessDecision decide(AccessRequest request) {
        Grant best = null;
        for (Grant g : request.grants()) {
            if (g.allows(request.action(), request.scope()) && (best == null || g.role().compareTo(best.role()) > 0)) {
                best = g;
            }
        }
        if (best != null) {
            return AccessDecision.allowedBy(best);
        }
        return AccessDecision.denied("no grant of " + request.action().role() + " or above on "
                + request.scope() + " to " + request.principal().id()
                + (request.principal().groups().isEmpty() ? "" : " or its groups " + request.principal().groups()));
    }

    @Override
    public String toString() {
        return "AccessPolicy.grants()";
    }
}
