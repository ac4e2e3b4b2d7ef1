package dev.strata.adapters.postgres.operations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.operations.Alert;
import dev.strata.domain.operations.Finding;
import dev.strata.domain.operations.Severity;
import dev.strata.domain.operations.port.AlertLedger;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Postgres adapter for {@link AlertLedger}: table {@code ops_alerts} (V31), changed under a transaction-scoped advisory
 * lock that one instance at a time gets ({@code pg_try_advisory_xact_lock}: the others skip, they do not wait); the
 * count of stored rounds in {@code ops_alert_rounds} (V33).
 */
@Singleton
public class PostgresAlertLedger implements AlertLedger {
    /** The advisory lock's key: fixed, Strata's own. */
    static final long LOCK = 0x5354_5241_4f50_5331L;

    private final Jdbc jdbc;

    public PostgresAlertLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long round() {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select coalesce(max(round), 0) from ops_alert_rounds");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public boolean reconcile(long round, Function<Map<String, Alert>, Changes> step) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK);
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
            // under the lock: count this round, unless another was stored since the caller read the count
            try (PreparedStatement next = connection.prepareStatement("insert into ops_alert_rounds as r (id, round) "
                    + "values (true, 1) on conflict (id) do update set round = r.round + 1 where r.round = ? returning round")) {
                next.setLong(1, round);
                try (ResultSet rows = next.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                }
            }
            Map<String, Alert> open = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select key, id, severity, message, action, since from ops_alerts order by since, key");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    open.put(rows.getString(1), new Alert(new Finding(rows.getString(2), rows.getString(1),
                            Severity.valueOf(rows.getString(3)), rows.getString(4), rows.getString(5)),
                            rows.getTimestamp(6).toInstant()));
                }
            }
            Changes changes = step.apply(Map.copyOf(open));
            try (PreparedStatement insert = connection.prepareStatement("insert into ops_alerts (key, id, severity, message, "
                    + "action, since) values (?, ?, ?, ?, ?, ?) on conflict (key) do nothing")) {
                for (Alert alert : changes.opened()) {
                    insert.setString(1, alert.finding().key());
                    insert.setString(2, alert.finding().id());
                    insert.setString(3, alert.finding().severity().name());
                    insert.setString(4, alert.finding().message());
                    insert.setString(5, alert.finding().action());
                    insert.setTimestamp(6, Timestamp.from(alert.since()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from ops_alerts where key = ?")) {
                for (String key : changes.resolved()) {
                    delete.setString(1, key);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return true;
        });
    }
}
