package dev.strata.application.ratelimits;

import dev.strata.application.ratelimits.port.ConfigureRateLimitCommand;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.application.shared.TenantMemo;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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
    private static final int MAX_MEMO = 100_000;

    private final RateLimitPolicies policies;
    private final Map<String, RateLimitPolicy> defaults;
    private final RateLimiter shared;
    private final RateLimiter local;
    /** The tenant's own policy of each name (empty: none), as Postgres last said. */
    private final TenantMemo<String, Optional<RateLimitPolicy>> policyMemo;
    private final Quota policyQuota;
    private final Quota slidingWindowQuota;

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
        this.policyMemo = new TenantMemo<>(policyCacheTtl, MAX_MEMO);
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
        policyMemo.forget(command.policy().name());
        return command.policy();
    }

    @Override
    public RateDecision consume(ConsumeRateLimitCommand command) {
        RateLimitPolicy policy = resolve(command.policy())
                .orElseThrow(() -> new NotFoundException("ratelimit.policy_not_found", "no policy named '" + command.policy() + "'"));
        return decide(policy, command.key(), command.cost());
    }

    @Override
    public Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(ConsumeRateLimitCommand command) {
        Optional<RateLimitPolicy> own = policyMemo.fresh(command.policy());
        if (own == null) {
            return Optional.empty(); // the policy must be read: consume's path
        }
        Optional<RateLimitPolicy> policy = own.or(() -> Optional.ofNullable(defaults.get(command.policy())));
        if (policy.isEmpty()) {
            return Optional.empty(); // unknown: consume's path answers it
        }
        TenantId tenant = TenantContext.require();
        RateLimitPolicy found = policy.get();
        Optional<CompletionStage<RateDecision>> sent;
        try {
            sent = shared.consumeWithoutBlocking(found, command.key(), command.cost());
        } catch (StoreUnavailableException e) {
            sent = Optional.of(CompletableFuture.failedFuture(e));
        }
        return sent.map(stage -> stage.handle((decision, error) -> {
            if (error == null) {
                return decision;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof StoreUnavailableException) {
                // as consume: the shared limiter cannot decide, the per-instance one does (memory: never blocks)
                return TenantContext.callAs(tenant, () -> local.consume(found, command.key(), command.cost()));
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }));
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
        // Postgres down: the last answer however old (a stale answer beats none), else the default of that name
        Optional<RateLimitPolicy> own = policyMemo.get(name, () -> policies.find(name), down -> {
            if (defaults.containsKey(name)) {
                return Optional.empty();
            }
            throw down;
        });
        return own.or(() -> Optional.ofNullable(defaults.get(name)));
    }
}
