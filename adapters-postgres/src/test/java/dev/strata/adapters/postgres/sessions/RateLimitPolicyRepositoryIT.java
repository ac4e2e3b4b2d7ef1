package dev.strata.adapters.postgres.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.sessions.RateLimitAlgorithm;
import dev.strata.domain.sessions.RateLimitPolicy;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Micronaut Data repository of rate-limit policies runs on the connection of the {@link Jdbc} transaction that set
 * the tenant, so row-level security binds its queries exactly as it binds hand-written SQL.
 */
class RateLimitPolicyRepositoryIT {
    private final Jdbc jdbc = PostgresTestContext.shared().getBean(Jdbc.class);
    private final RateLimitPolicyRepository repository = PostgresTestContext.shared().getBean(RateLimitPolicyRepository.class);
    private final PostgresRateLimitPolicies policies = PostgresTestContext.shared().getBean(PostgresRateLimitPolicies.class);

    @Test
    void aRepositoryQueryNeverSeesAnotherTenantsRow() {
        TenantId owner = tenant();
        TenantId other = tenant();
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        TenantContext.runAs(owner, () -> policies.save(new RateLimitPolicy(name, 7, 60, RateLimitAlgorithm.SLIDING_WINDOW)));

        Optional<RateLimitPolicyRow> seenByOwner = TenantContext.callAs(owner, () -> jdbc.inTransaction(c -> repository.findByName(name)));
        Optional<RateLimitPolicyRow> seenByOther = TenantContext.callAs(other, () -> jdbc.inTransaction(c -> repository.findByName(name)));

        assertEquals(Optional.of(new RateLimitPolicyRow(name, 7, 60, RateLimitAlgorithm.SLIDING_WINDOW.wire())), seenByOwner);
        assertEquals(Optional.empty(), seenByOther, "row-level security hides the owner's row from the repository");
    }

    @Test
    void theRepositoryJoinsTheTransactionThatSetTheTenant() {
        TenantId tenant = tenant();
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        // a row written by plain SQL and not yet committed is visible only on the same connection, in the same transaction
        Optional<RateLimitPolicyRow> seen = TenantContext.callAs(tenant, () -> jdbc.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into rate_limit_policies "
                    + "(tenant_id, name, max_units, window_seconds, algorithm, updated_at) values (?, ?, 3, 10, ?, now())")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, name);
                insert.setString(3, RateLimitAlgorithm.TOKEN_BUCKET.wire());
                insert.executeUpdate();
            }
            return repository.findByName(name);
        }));
        assertTrue(seen.isPresent(), "the repository saw the uncommitted row: it ran in the same transaction");
    }

    @Test
    void outsideATenantTransactionTheRepositorySeesNoTenantsRow() {
        TenantId owner = tenant();
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        TenantContext.runAs(owner, () -> policies.save(new RateLimitPolicy(name, 5, 30, RateLimitAlgorithm.TOKEN_BUCKET)));
        // called on its own, the repository gets a connection without the tenant setting: row-level security shows nothing
        assertEquals(Optional.empty(), repository.findByName(name));
        assertEquals(Optional.empty(), TenantContext.callAs(owner, () -> repository.findByName(name)),
                "a tenant context alone sets nothing: only the Jdbc transaction does");
    }

    private static TenantId tenant() {
        TenantId tenant = TenantId.random();
        PostgresTestContext.insertTenant(tenant);
        return tenant;
    }
}
