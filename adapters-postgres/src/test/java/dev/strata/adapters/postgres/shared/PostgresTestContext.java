package dev.strata.adapters.postgres.shared;

import dev.strata.domain.shared.TestServices;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * Test support: an application context holding only the Postgres adapter, migrated by Flyway as the owner role,
 * connected to the real server that {@code TestServices} chooses ({@code -Dstrata.test.jdbc-url}, Testcontainers, or
 * the local server of {@code scripts/services.sh}).
 * If Postgres is not there, context start fails and so does the test: integration tests never skip.
 */
public final class PostgresTestContext {
    private PostgresTestContext() {
    }

    private static ApplicationContext shared;

    /** One context for the whole test JVM (contract tests create many subjects). */
    public static synchronized ApplicationContext shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Inserts a tenant row, for tables whose tenant_id references tenants. */
    public static void insertTenant(dev.strata.domain.shared.TenantId tenant) {
        shared().getBean(dev.strata.adapters.postgres.identity.PostgresTenantDirectory.class).create(
                new dev.strata.domain.identity.Tenant(tenant,
                        new dev.strata.domain.identity.TenantSlug("t-" + tenant.value().toString().replace("-", "").substring(0, 20)),
                        java.time.Instant.now()));
    }

    public static ApplicationContext start() {
        return ApplicationContext.run(Map.of(
                "datasources.default.url", TestServices.jdbcUrl(),
                "datasources.default.username", TestServices.jdbcUser(),
                "datasources.default.password", TestServices.jdbcPassword(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.maximum-pool-size", "8",
                "strata.migrations.username", TestServices.jdbcOwnerUser(),
                "strata.migrations.password", TestServices.jdbcOwnerPassword()), "test");
    }
}
