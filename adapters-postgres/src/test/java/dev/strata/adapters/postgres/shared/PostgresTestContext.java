package dev.strata.adapters.postgres.shared;

import io.micronaut.context.ApplicationContext;
import java.util.Map;

/**
 * Test support: an application context holding only the Postgres adapter, migrated by Flyway,
 * connected to the real server of {@code scripts/services.sh} (or {@code -Dstrata.test.jdbc-url}).
 * If Postgres is not there, context start fails and so does the test: integration tests never skip.
 */
public final class PostgresTestContext {
    private PostgresTestContext() {
    }

    public static ApplicationContext start() {
        return ApplicationContext.run(Map.of(
                "datasources.default.url", System.getProperty("strata.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/strata"),
                "datasources.default.username", System.getProperty("strata.test.jdbc-user", "strata"),
                "datasources.default.password", System.getProperty("strata.test.jdbc-password", "strata"),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.maximum-pool-size", "8",
                "flyway.datasources.default.enabled", "true",
                "flyway.datasources.default.locations", "classpath:db/migration"), "test");
    }
}
