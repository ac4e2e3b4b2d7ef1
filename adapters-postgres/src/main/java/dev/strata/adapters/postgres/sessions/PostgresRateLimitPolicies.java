package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.sessions.RateLimitAlgorithm;
import dev.strata.domain.sessions.RateLimitPolicy;
import dev.strata.domain.sessions.port.RateLimitPolicies;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Postgres adapter for {@link RateLimitPolicies} ({@code rate_limit_policies}, RLS), through a Micronaut Data
 * repository that runs inside the {@link Jdbc} transaction which set the tenant (and took the quota gate).
 */
@Singleton
public class PostgresRateLimitPolicies implements RateLimitPolicies {
    private final Jdbc jdbc;
    private final RateLimitPolicyRepository rows;

    PostgresRateLimitPolicies(Jdbc jdbc, RateLimitPolicyRepository rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public void save(RateLimitPolicy policy) {
        save(policy, null);
    }

    @Override
    public void save(RateLimitPolicy policy, Quota quota) {
        TenantContext.require();
        jdbc.inTransaction(connection -> {
            if (quota != null) {
                QuotaGate.admit(connection, TenantContext.require(), quota, "rate_limit_policies", List.of("name"),
                        policy.name());
            }
            rows.upsert(TenantContext.require().value(), policy.name(), policy.limit(), policy.windowSeconds(),
                    policy.algorithm().wire());
            return null;
        });
    }

    @Override
    public Optional<RateLimitPolicy> find(String name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> rows.findByName(name).map(row -> new RateLimitPolicy(row.name(),
                row.maxUnits(), row.windowSeconds(), RateLimitAlgorithm.fromWire(row.algorithm()))));
    }
}
