package dev.strata.domain.ratelimits;

import dev.strata.domain.ratelimits.port.RateLimitPolicies;

class InMemoryRateLimitPoliciesTest extends RateLimitPoliciesContract {
    @Override
    protected RateLimitPolicies createSubject() {
        return new InMemoryRateLimitPolicies();
    }
}
