package dev.strata.application.ratelimits;

import dev.strata.application.ratelimits.port.ConfigureRateLimitCommand;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.ratelimits.port.RateLimitPolicies;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service implementing {@link RateLimitUseCase}. A policy is the tenant's own (Postgres, cached here for
 * {@code policyCacheTtl}, so a change reaches other instances within that time) or else the configured
 * default of that name. Decisions go to the shared limiter (Redis); while it is unavailable, to the
 * per-instance one.
 */
public class RateLimitService implements RateLimitUseCase {
    /** The tenant under whose keys Strata's own cross-tenant counters (policy {@code auth}) live. */
    public static final TenantId PLATFORM = new TenantId(new UUID(0, 0));
    public static final String AUTH_POLICY = RateLimitUseCase.AUTH;

    private final RateLimitPolicies policies;
    private final Map<String, RateLimitPolicy> defaults;
    private final RateLimiter shared;
    private final RateLimiter local;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Quota policyQuota;
    private final Quota slidingWindowQuota;

    private record Cached(Optional<RateLimitPolicy> policy, long until) {
    }

    public RateLimitService(RateLimitPolicies policies, Map<String, RateLimitPolicy> defaults, RateLimiter shared,
                            RateLimiter local, Duration policyCacheTtl) {
        this(policies, defaults, shared, local, policyCacheTtl, null, null);
    }

    /**
     * With per-tenant quotas (null: none).
     *
     * @param policyQuota        most policies of one tenant
     * @param slidingWindowQuota most units a tenant's sliding-window policy may allow per window: that window keeps
     *                           one Redis entry per unit granted, so this bounds its memory per limited key
     */
    public RateLimitService(RateLimitPolicies policies, Map<String, RateLimitPolicy> defaults, RateLimiter shared,
                            RateLimiter local, Duration policyCacheTtl, Quota policyQuota, Quota slidingWindowQuota) {
        this.policyQuota = policyQuota;
        this.slidingWindowQuota = slidingWindowQuota;
        this.policies = policies;
        this.defaults = Map.copyOf(defaults);
        this.shared = shared;
        this.local = local;
        this.cacheTtlNanos = policyCacheTtl.toNanos();
    }

    @Override
    public RateLimitPolicy configure(ConfigureRateLimitCommand command) {
        RateLimitPolicy policy = command.policy();
        if (slidingWindowQuota != null && policy.algorithm() == RateLimitAlgorithm.SLIDING_WINDOW) {
            // the quota is on the limit itself (not "more than"): a limit equal to it is fine
            slidingWindowQuota.check(policy.limit() - 1L);
        }
        if (policyQuota == null) {
            policies.save(policy);
        } else {
            policies.save(policy, policyQuota);
        }
        cache.remove(cacheKey(command.policy().name()));
        return command.policy();
    }

    @Override
    public RateDecision consume(ConsumeRateLimitCommand command) {
        RateLimitPolicy policy = resolve(command.policy())
                .orElseThrow(() -> new NotFoundException("ratelimit.policy_not_found", "no policy named '" + command.policy() + "'"));
        return decide(policy, command.key(), command.cost());
    }

    @Override
    public RateDecision consumeAuth(String clientAddress) {
        return consumeGuard(AUTH_POLICY, clientAddress);
    }

    @Override
    public RateDecision consumeGuard(String name, String key) {
        RateLimitPolicy policy = defaults.get(name);
        if (policy == null) {
            throw new IllegalStateException("rate-limit policy '" + name + "' is not configured");
        }
        return TenantContext.callAs(PLATFORM, () -> decide(policy, key, 1));
    }

    private RateDecision decide(RateLimitPolicy policy, String key, int cost) {
        try {
            return shared.consume(policy, key, cost);
        } catch (StoreUnavailableException e) {
            return local.consume(policy, key, cost);
        }
    }

    private Optional<RateLimitPolicy> resolve(String name) {
        String key = cacheKey(name);
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.until() < 0) {
            return cached.policy().or(() -> Optional.ofNullable(defaults.get(name)));
        }
        Optional<RateLimitPolicy> own;
        try {
            own = policies.find(name);
        } catch (StoreUnavailableException e) {
            if (cached != null) {
                // Postgres is down: a stale answer beats none
                return cached.policy().or(() -> Optional.ofNullable(defaults.get(name)));
            }
            if (defaults.containsKey(name)) {
                return Optional.of(defaults.get(name));
            }
            throw e;
        }
        cache.put(key, new Cached(own, now + cacheTtlNanos));
        if (cache.size() > 100_000) {
            cache.clear();
        }
        return own.or(() -> Optional.ofNullable(defaults.get(name)));
    }

    private static String cacheKey(String name) {
        return TenantContext.require() + "/" + name;
    }
}
