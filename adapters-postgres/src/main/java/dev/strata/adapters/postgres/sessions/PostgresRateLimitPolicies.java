package dev.strata.adapters.postgres.sessions;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.sessions.RateLimitAlgorithm;
import dev.strata.domain.sessions.RateLimitPolicy;
import dev.strata.domain.sessions.port.RateLimitPolicies;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/** Postgres adapter for {@link RateLimitPolicies} ({@code rate_limit_policies}, RLS). */
@Singleton
public class PostgresRateLimitPolicies implements RateLimitPolicies {
    private final Jdbc jdbc;

    public PostgresRateLimitPolicies(Jdbc jdbc) {
        this.jdbc = jdbc;
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
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into rate_limit_policies (tenant_id, name, max_units, window_seconds, algorithm, updated_at) "
                            + "values (?, ?, ?, ?, ?, now()) on conflict (tenant_id, name) do update set "
                            + "max_units = excluded.max_units, window_seconds = excluded.window_seconds, "
                            + "algorithm = excluded.algorithm, updated_at = now()")) {
                statement.setObject(1, TenantContext.require().value());
                statement.setString(2, policy.name());
                statement.setInt(3, policy.limit());
                statement.setInt(4, policy.windowSeconds());
                statement.setString(5, policy.algorithm().wire());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RateLimitPolicy> find(String name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select name, max_units, window_seconds, algorithm from rate_limit_policies where name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new RateLimitPolicy(rows.getString(1), rows.getInt(2), rows.getInt(3),
                                    RateLimitAlgorithm.fromWire(rows.getString(4))))
                            : Optional.empty();
                }
            }
        });
    }
}
