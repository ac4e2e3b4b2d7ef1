package dev.strata.bootstrap;

import dev.strata.adapters.http.ratelimits.RateLimitPolicySettings;
import dev.strata.adapters.http.ratelimits.RateLimitSettings;
import dev.strata.application.ratelimits.LocalRateLimiter;
import dev.strata.application.ratelimits.RateLimitService;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.ratelimits.port.RateLimitPolicies;
import dev.strata.domain.ratelimits.port.RateLimiter;
import dev.strata.domain.shared.Clock;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wiring of the rate-limit use case, with the guard policies of Strata's own auth routes. */
@Factory
class RateLimitsFactory {
    @Singleton
    RateLimitUseCase rateLimits(RateLimitPolicies policies, List<RateLimitPolicySettings> configured, RateLimiter shared,
                                RateLimitSettings settings, Clock clock, QuotaSettings quotas) {
        Map<String, RateLimitPolicy> defaults = new HashMap<>();
        // the guards of Strata's own auth routes exist even when the configuration omits them
        guard(defaults, RateLimitUseCase.AUTH, 5, 60);
        guard(defaults, RateLimitUseCase.AUTH_TOKEN, 30, 60);
        guard(defaults, RateLimitUseCase.AUTH_TOKEN_CLIENT, 10, 60);
        guard(defaults, RateLimitUseCase.AUTH_LOGIN_ACCOUNT, 10, 300);
        guard(defaults, RateLimitUseCase.AUTH_REFRESH, 60, 60);
        guard(defaults, RateLimitUseCase.AUTH_RESET, 5, 300);
        guard(defaults, RateLimitUseCase.AUTH_RESET_ACCOUNT, 3, 3600);
        guard(defaults, RateLimitUseCase.AUTH_RESET_CONFIRM, 10, 300);
        // the default of the per-user limit on posting conversation messages (tenants may define their own)
        guard(defaults, RateLimitUseCase.CONVERSATION_MESSAGES, 60, 60);
        configured.forEach(policy -> defaults.put(policy.name(), policy.toPolicy()));
        return new RateLimitService(policies, defaults, shared, new LocalRateLimiter(clock, settings.localMaxKeys()),
                settings.policyCacheTtl(), quotas.rateLimitPoliciesQuota(), quotas.slidingWindowLimitQuota());
    }

    private static void guard(Map<String, RateLimitPolicy> defaults, String name, int limit, int windowSeconds) {
        defaults.put(name, new RateLimitPolicy(name, limit, windowSeconds, RateLimitAlgorithm.SLIDING_WINDOW));
    }
}
