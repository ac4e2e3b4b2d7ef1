package dev.strata.domain.sessions;

import dev.strata.domain.sessions.port.RateLimitPolicies;

class InMemoryRateLimitPoliciesTest extends RateLimitPoliciesContract {
    @Override
    protected RateLimitPolicies createSubject() {
        return new InMemoryRateLimitPolicies();
    }
}
