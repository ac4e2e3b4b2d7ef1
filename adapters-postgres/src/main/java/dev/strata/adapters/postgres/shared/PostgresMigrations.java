package dev.strata.adapters.postgres.shared;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Flyway migrations as the schema's owner role ({@link MigrationSettings}) before the serving
 * data source is first used, so that the serving role never needs (nor gets) DDL rights. Migration V9 and
 * its default privileges grant the serving role DML on what the owner creates; the serving role's name
 * reaches the SQL as the Flyway placeholder {@code serving_role}. The {@code afterMigrate.sql} callback
 * re-asserts, on every start, the privileges narrower than that (append-only tables).
 */
@Singleton
public class PostgresMigrations implements BeanCreatedEventListener<DataSource> {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMigrations.class);
    static final String LOCATION = "classpath:db/migration";

    private final MigrationSettings settings;
    private final String servingUrl;
    private final String servingRole;
    private volatile boolean done;

    public PostgresMigrations(MigrationSettings settings,
                              @Value("${datasources.default.url}") String servingUrl,
                              @Value("${datasources.default.username}") String servingRole) {
        this.settings = settings;
        this.servingUrl = servingUrl;
        this.servingRole = servingRole;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if (settings.enabled() && !done) {
            migrate();
            done = true;
        }
        return event.getBean();
    }

    public void migrate() {
        String url = settings.url() == null || settings.url().isBlank() ? servingUrl : settings.url();
        try {
            int applied = Flyway.configure(PostgresMigrations.class.getClassLoader())
                    .dataSource(url, settings.username(), settings.password())
                    .locations(LOCATION)
                    .placeholders(Map.of("serving_role", servingRole))
                    .load()
                    .migrate()
                    .migrationsExecuted;
            LOG.info("schema migrated as role '{}' ({} migrations applied)", settings.username(), applied);
        } catch (FlywayException e) {
            throw new ConfigurationException("migrations failed as role '" + settings.username()
                    + "' (strata.migrations.username): " + e.getMessage(), e);
        }
    }
}
