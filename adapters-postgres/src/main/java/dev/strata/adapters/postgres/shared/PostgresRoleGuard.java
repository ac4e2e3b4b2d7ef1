package dev.strata.adapters.postgres.shared;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start when Strata connects as a superuser or a BYPASSRLS role: either would void
 * row-level security, the last line of tenant isolation. When Postgres is unreachable at start
 * the check is skipped (readiness reports it) rather than blocking the process.
 */
@Context
public class PostgresRoleGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRoleGuard.class);
    private final DataSource dataSource;

    public PostgresRoleGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @PostConstruct
    void check() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
            if (rows.next() && (rows.getBoolean(2) || rows.getBoolean(3))) {
                throw new ConfigurationException("Postgres role '" + rows.getString(1)
                        + "' is a superuser or has BYPASSRLS; Strata requires an unprivileged role so that "
                        + "row-level security isolates tenants");
            }
        } catch (SQLException e) {
            LOG.warn("could not verify the Postgres role at start ({}); readiness will report Postgres", e.getSQLState());
        }
    }
}
