package dev.strata.application.ratelimits.port;

import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Use case: rate limits — the tenant's policies (configured defaults, overridden per tenant) and
 * decisions, exact across instances through Redis, per instance while Redis is down.
 */
public interface RateLimitUseCase {
    /** Strata's own guards of its public auth routes: configured policies, counted across tenants. */
    String AUTH = "auth";
    /** {@code POST /v1/auth/token} per client address. */
    String AUTH_TOKEN = "auth-token";
    /** {@code POST /v1/auth/token} per client id. */
    String AUTH_TOKEN_CLIENT = "auth-token-client";
    /** {@code POST /v1/auth/login} per (tenant, email). */
    String AUTH_LOGIN_ACCOUNT = "auth-login-account";
    /** {@code POST /v1/auth/refresh} per client address. */
    String AUTH_REFRESH = "auth-refresh";
    /** {@code POST /v1/auth/password-reset} per client address. */
    String AUTH_RESET = "auth-reset";
    /** {@code POST /v1/auth/password-reset} per (tenant, email). */
    String AUTH_RESET_ACCOUNT = "auth-reset-account";
    /** {@code POST /v1/auth/password-reset/confirm} per client address. */
    String AUTH_RESET_CONFIRM = "auth-reset-confirm";
    /**
     * {@code POST /v1/conversations/{id}/messages} per user: a tenant policy of this name overrides the configured
     * default (a tenant's own limit, counted in the tenant).
     */
    String CONVERSATION_MESSAGES = "conversation-messages";

    RateLimitPolicy configure(ConfigureRateLimitCommand command);

    /** A decision; throws {@link dev.strata.domain.shared.NotFoundException} for an unknown policy. */
    RateDecision consume(ConsumeRateLimitCommand command);

    /**
     * The decision {@link #consume} would make, without blocking: empty when it cannot be made from memory and a
     * non-blocking store call (the tenant's policy not known here right now, an unknown policy, the limiter not
     * connected yet): then {@link #consume} decides. The stage completes with the decision, from the shared limiter
     * or, while it is unavailable, the per-instance one, exactly as {@link #consume}.
     */
    default Optional<CompletionStage<RateDecision>> consumeWithoutBlocking(ConsumeRateLimitCommand command) {
        return Optional.empty();
    }

    /** Strata's own guard of login and register: policy {@code auth} per client address, across tenants. */
    RateDecision consumeAuth(String clientAddress);

    /**
     * One unit of Strata's own guard {@code policy} (one of the {@code AUTH*} names) for {@code key}, across
     * tenants; the policy comes from configuration only, a tenant cannot loosen it.
     */
    RateDecision consumeGuard(String policy, String key);
}
