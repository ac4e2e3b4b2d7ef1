package dev.strata.bootstrap;

import dev.strata.domain.shared.Quota;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Per-tenant quotas ({@code strata.quotas.*}): what one tenant may hold of the resources all tenants share.
 * Each becomes a {@link Quota} named like its key, which a refusal (429 problem+json) names.
 *
 * @param namespaces         cache namespaces a tenant has configured or written to (1000)
 * @param topics             event topics a tenant has published to (1000)
 * @param groups             consumer groups of a tenant, over all its topics (1000)
 * @param sseStreams         SSE streams a tenant holds open at once, over all instances (100)
 * @param sseStreamLease     how long an open stream counts without its instance's heartbeat (30s; refreshed every third)
 * @param rateLimitPolicies  rate-limit policies a tenant has defined (1000)
 * @param slidingWindowLimit largest {@code limit} of a tenant's sliding-window policy (10000): that window keeps one
 *                           Redis entry per unit granted and limited key
 * @param conversations      conversations a tenant holds, over all its users (100000)
 * @param collections        vector collections a tenant has defined (100): each is a table with its own indexes
 * @param secrets            secrets a tenant holds in the vault (1000)
 * @param waitingJobs        pending (waiting or delayed) jobs a tenant holds over all its queues (100000)
 * @param waitingClaims      claims with {@code waitMs} one tenant has waiting at once on one instance (100)
 */
@ConfigurationProperties("strata.quotas")
public record QuotaSettings(@Bindable(defaultValue = "1000") long namespaces,
                            @Bindable(defaultValue = "1000") long topics,
                            @Bindable(defaultValue = "1000") long groups,
                            @Bindable(defaultValue = "100") long sseStreams,
                            @Bindable(defaultValue = "30s") Duration sseStreamLease,
                            @Bindable(defaultValue = "1000") long rateLimitPolicies,
                            @Bindable(defaultValue = "10000") long slidingWindowLimit,
                            @Bindable(defaultValue = "100000") long conversations,
                            @Bindable(defaultValue = "100") long collections,
                            @Bindable(defaultValue = "1000") long secrets,
                            @Bindable(defaultValue = "100000") long waitingJobs,
                            @Bindable(defaultValue = "100") long waitingClaims) {
    Quota namespacesQuota() {
        return new Quota("namespaces", namespaces);
    }

    Quota topicsQuota() {
        return new Quota("topics", topics);
    }

    Quota groupsQuota() {
        return new Quota("groups", groups);
    }

    Quota sseStreamsQuota() {
        return new Quota("sse-streams", sseStreams);
    }

    Quota rateLimitPoliciesQuota() {
        return new Quota("rate-limit-policies", rateLimitPolicies);
    }

    Quota collectionsQuota() {
        return new Quota("collections", collections);
    }

    Quota secretsQuota() {
        return new Quota("secrets", secrets);
    }

    Quota waitingJobsQuota() {
        return new Quota("waiting-jobs", waitingJobs);
    }

    Quota waitingClaimsQuota() {
        return new Quota("waiting-claims", waitingClaims);
    }

    Quota slidingWindowLimitQuota() {
        return new Quota("sliding-window-limit", slidingWindowLimit);
    }

    Quota conversationsQuota() {
        return new Quota("conversations", conversations);
    }
}
