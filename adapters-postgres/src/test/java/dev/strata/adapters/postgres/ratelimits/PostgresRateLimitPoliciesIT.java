package dev.strata.adapters.postgres.ratelimits;

import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.ratelimits.RateLimitPoliciesContract;
import dev.strata.domain.ratelimits.port.RateLimitPolicies;
import dev.strata.domain.shared.TenantId;

/** The rate-limit policies contract against real Postgres (with row-level security). */
class PostgresRateLimitPoliciesIT extends RateLimitPoliciesContract {
    @Override
    protected RateLimitPolicies createSubject() {
        return PostgresTestContext.shared().getBean(PostgresRateLimitPolicies.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }
}
