package dev.strata.adapters.postgres.shared;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of the schema migrations ({@code strata.migrations.*}): they run as the role that owns the
 * schema, never as the serving role ({@code datasources.default.username}), which gets DML only.
 *
 * @param enabled  whether this instance migrates at start (true; false when a deploy step migrates and
 *                 serving instances should not hold the owner's credentials)
 * @param url      JDBC url of the migrations (empty: {@code datasources.default.url})
 * @param username the owner role (strata_owner)
 * @param password its password (strata_owner, for local runs only)
 */
@ConfigurationProperties("strata.migrations")
public record MigrationSettings(@Bindable(defaultValue = "true") boolean enabled,
                                @Nullable String url,
                                @Bindable(defaultValue = "strata_owner") String username,
                                @Bindable(defaultValue = "strata_owner") String password) {
    @Override
    public String toString() {
        return "MigrationSettings[enabled=" + enabled + ", url=" + url + ", username=" + username + "]";
    }
}
