package dev.strata.domain.ratelimits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.ratelimits.port.RateLimitPolicies;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link RateLimitPolicies}: save replaces, tenants apart. */
public abstract class RateLimitPoliciesContract extends ContractSupport {
    protected RateLimitPolicies policies;
    protected TenantId tenant;

    protected abstract RateLimitPolicies createSubject();

    @BeforeEach
    void createPolicies() {
        policies = createSubject();
        tenant = newTenant();
    }

    @Test
    void aSavedPolicyIsFoundAndReplacedAndStaysInItsTenant() {
        RateLimitPolicy first = new RateLimitPolicy("api", 10, 60, RateLimitAlgorithm.SLIDING_WINDOW);
        RateLimitPolicy second = new RateLimitPolicy("api", 20, 30, RateLimitAlgorithm.TOKEN_BUCKET);
        runAs(tenant, () -> policies.save(first));
        assertEquals(first, as(tenant, () -> policies.find("api")).orElseThrow());
        runAs(tenant, () -> policies.save(second));
        assertEquals(second, as(tenant, () -> policies.find("api")).orElseThrow());
        assertTrue(as(tenant, () -> policies.find("other")).isEmpty());
        assertTrue(as(newTenant(), () -> policies.find("api")).isEmpty());
    }
}
