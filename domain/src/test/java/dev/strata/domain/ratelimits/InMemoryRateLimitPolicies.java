package dev.strata.domain.ratelimits;

import dev.strata.domain.ratelimits.port.RateLimitPolicies;
import dev.strata.domain.shared.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory fake of {@link RateLimitPolicies}. Thread-safe. */
public final class InMemoryRateLimitPolicies implements RateLimitPolicies {
    private final Map<String, RateLimitPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public void save(RateLimitPolicy policy) {
        policies.put(TenantContext.require() + "\n" + policy.name(), policy);
    }

    @Override
    public synchronized void save(RateLimitPolicy policy, dev.strata.domain.shared.Quota quota) {
        String prefix = TenantContext.require() + "\n";
        if (!policies.containsKey(prefix + policy.name())) {
            quota.check(policies.keySet().stream().filter(k -> k.startsWith(prefix)).count());
        }
        save(policy);
    }

    @Override
    public Optional<RateLimitPolicy> find(String name) {
        return Optional.ofNullable(policies.get(TenantContext.require() + "\n" + name));
    }
}
