package dev.strata.adapters.postgres.shared;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a serving role that could void row-level security, the last line of tenant isolation: a
 * superuser, a BYPASSRLS role, or a role that owns (directly or through membership) a table, the
 * database or the schema — an owner may {@code ALTER TABLE ... NO FORCE ROW LEVEL SECURITY} or drop
 * the tables. The schema belongs to a separate owner role that runs the migrations; the serving role
 * has DML only. Checked at start (start is refused); when Postgres is unreachable at start, the first
 * connection that {@link Jdbc} takes runs the check instead, and until a check passes every unit of
 * work is refused and readiness reports Postgres down.
 */
@Context
public class PostgresRoleGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRoleGuard.class);
    static final String QUERY = """
            select r.rolname, r.rolsuper, r.rolbypassrls,
                   (select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and c.relpersistence <> 't'
                       and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
                       and pg_has_role(r.oid, c.relowner, 'MEMBER')
                     order by 1 limit 1) as owned_table,
                   pg_has_role(r.oid, (select d.datdba from pg_database d where d.datname = current_database()), 'MEMBER')
                       as owns_database,
                   (select n.nspname from pg_namespace n
                     where n.nspname = current_schema() and pg_has_role(r.oid, n.nspowner, 'MEMBER')) as owned_schema
            from pg_roles r where r.rolname = current_user""";

    private final DataSource dataSource;
    private volatile boolean verified;
    private volatile String refusal;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    public PostgresRoleGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What Postgres says about the serving role, as far as the guard cares. */
    record RoleFacts(String role, boolean superuser, boolean bypassRls, String ownedTable, boolean ownsDatabase,
                     String ownedSchema) {
        /** Why this role must not serve, or empty when it may. */
        Optional<String> refusal() {
            if (superuser || bypassRls) {
                return Optional.of("Postgres role '" + role + "' is a superuser or has BYPASSRLS; Strata requires an "
                        + "unprivileged role so that row-level security isolates tenants");
            }
            String owned = ownedTable != null ? "table " + ownedTable
                    : ownsDatabase ? "the database" : ownedSchema != null ? "schema " + ownedSchema : null;
            if (owned != null) {
                return Optional.of("Postgres role '" + role + "' owns " + owned + "; Strata's serving role must have "
                        + "DML only (the schema belongs to the migration role, strata.migrations.username), "
                        + "since an owner can switch row-level security off");
            }
            return Optional.empty();
        }
    }

    @PostConstruct
    void check() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> refused = facts(connection).refusal();
            if (refused.isPresent()) {
                throw new ConfigurationException(refused.get());
            }
            verified = true;
        } catch (SQLException e) {
            LOG.warn("could not verify the Postgres role at start ({}); the first connection will, and until then "
                    + "readiness reports Postgres", e.getSQLState());
        }
    }

    /**
     * Runs the check on {@code connection} unless one already passed; throws when the role is refused.
     * Cheap once verified (one volatile read).
     */
    void verify(Connection connection) throws SQLException {
        if (verified) {
            return;
        }
        Optional<String> refused = facts(connection).refusal();
        if (refused.isPresent()) {
            refusal = refused.get();
            if (refusalLogged.compareAndSet(false, true)) {
                LOG.error("{}; refusing every Postgres operation", refused.get());
            }
            throw new RoleRefusedException(refused.get());
        }
        refusal = null;
        verified = true;
        LOG.info("Postgres role verified on the first connection");
    }

    /** Why the serving role is refused, if a check found so and none has passed since. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private static RoleFacts facts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            if (!rows.next()) {
                throw new SQLException("the current Postgres role is not in pg_roles", "42704");
            }
            return new RoleFacts(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3), rows.getString(4),
                    rows.getBoolean(5), rows.getString(6));
        }
    }

    /** The serving role failed the check on a connection taken after start. */
    static final class RoleRefusedException extends SQLException {
        RoleRefusedException(String message) {
            super(message, "42501");
        }
    }
}
