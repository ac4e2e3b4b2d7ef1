package dev.strata.domain.operations.port;

import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Driven port: aggregates over all tenants for metrics and the cluster's alert evaluator — counts, and the
 * consumer groups by tenant (for the operator only). Works without a tenant context; throws
 * {@link dev.strata.domain.shared.StoreUnavailableException} when Postgres is unreachable.
 */
public interface ClusterFigures {
    /** A consumer group with the tenant it belongs to. */
    record TenantGroup(TenantId tenant, String tenantSlug, String topic, String group) {
    }

    /** Sessions that have not expired by {@code now}. */
    long sessionsActive(Instant now);

    /** Dead letters waiting for a replay. */
    long deadLetters();

    /** Every tenant's consumer groups, at most {@code limit}. */
    List<TenantGroup> groups(int limit);
}
