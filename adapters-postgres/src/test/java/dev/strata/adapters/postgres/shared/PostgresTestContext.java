package dev.strata.adapters.postgres.shared;

import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * Test support: an application context holding only the Postgres adapter, migrated by Flyway as the owner role,
 * connected to the real server of {@code scripts/services.sh} (or {@code -Dstrata.test.jdbc-url}).
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
                "datasources.default.url", System.getProperty("strata.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/strata"),
                "datasources.default.username", System.getProperty("strata.test.jdbc-user", "strata"),
                "datasources.default.password", System.getProperty("strata.test.jdbc-password", "strata"),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.maximum-pool-size", "8",
                "strata.migrations.username", System.getProperty("strata.test.jdbc-owner-user", "strata_owner"),
                "strata.migrations.password", System.getProperty("strata.test.jdbc-owner-password", "strata_owner")), "test");
    }
}
