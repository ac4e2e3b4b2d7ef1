package dev.strata.adapters.postgres.sessions;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * Micronaut Data repository of {@code rate_limit_policies}. Only called inside {@code Jdbc.inTransaction}, whose
 * connection (tenant set for row-level security, quota gate taken) the repository joins.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RateLimitPolicyRepository extends GenericRepository<RateLimitPolicyRow, String> {

    /** The tenant's policy of that name (row-level security filters by tenant). */
    Optional<RateLimitPolicyRow> findByName(String name);

    /** Creates or replaces the tenant's policy of that name. */
    @Query("insert into rate_limit_policies (tenant_id, name, max_units, window_seconds, algorithm, updated_at) "
            + "values (:tenantId, :name, :maxUnits, :windowSeconds, :algorithm, now()) on conflict (tenant_id, name) do update set "
            + "max_units = excluded.max_units, window_seconds = excluded.window_seconds, "
            + "algorithm = excluded.algorithm, updated_at = now()")
    void upsert(UUID tenantId, String name, int maxUnits, int windowSeconds, String algorithm);
}
