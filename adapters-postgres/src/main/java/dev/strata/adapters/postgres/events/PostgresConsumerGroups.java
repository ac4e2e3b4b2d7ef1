package dev.strata.adapters.postgres.events;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.DeadLetter;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.StartAt;
import dev.strata.domain.events.Topic;
import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Postgres adapter for {@link ConsumerGroups}: {@code event_groups} and {@code event_dead_letters} (RLS). */
@Singleton
public class PostgresConsumerGroups implements ConsumerGroups {
    private final Jdbc jdbc;

    public PostgresConsumerGroups(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ConsumerGroup define(ConsumerGroup group) {
        return define(group, null);
    }

    @Override
    public ConsumerGroup define(ConsumerGroup group, Quota quota) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            if (quota != null) {
                QuotaGate.admit(connection, tenant, quota, "event_groups", List.of("topic", "name"),
                        group.topic().value(), group.name().value());
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into event_groups (tenant_id, topic, "
                    + "name, start_at, start_after, created_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, group.topic().value());
                insert.setString(3, group.name().value());
                insert.setString(4, group.startAt().wire());
                insert.setLong(5, group.startAfter());
                insert.setTimestamp(6, Timestamp.from(group.createdAt()));
                insert.executeUpdate();
            }
            return find(group.topic(), group.name()).orElseThrow();
        });
    }

    @Override
    public Optional<ConsumerGroup> find(Topic topic, GroupName name) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select start_at, start_after, created_at "
                    + "from event_groups where tenant_id = strata_current_tenant() and topic = ? and name = ?")) {
                statement.setString(1, topic.value());
                statement.setString(2, name.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new ConsumerGroup(topic, name, StartAt.parse(rows.getString(1)), rows.getLong(2),
                                    rows.getTimestamp(3).toInstant()))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ConsumerGroup> list(Topic topic) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select name, start_at, start_after, "
                    + "created_at from event_groups where tenant_id = strata_current_tenant() and topic = ? order by name")) {
                statement.setString(1, topic.value());
                List<ConsumerGroup> groups = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        groups.add(new ConsumerGroup(topic, new GroupName(rows.getString(1)), StartAt.parse(rows.getString(2)),
                                rows.getLong(3), rows.getTimestamp(4).toInstant()));
                    }
                }
                return groups;
            }
        });
    }

    @Override
    public void addDeadLetter(Topic topic, DeadLetter deadLetter) {
        TenantId tenant = TenantContext.require();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into event_dead_letters (tenant_id, "
                    + "topic, group_name, " + EventRows.COLUMNS + ", deliveries, dead_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, topic.value());
                insert.setString(3, deadLetter.group().value());
                int next = EventRows.bind(insert, 4, deadLetter.event());
                insert.setLong(next++, deadLetter.deliveries());
                insert.setTimestamp(next, Timestamp.from(deadLetter.deadAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters(Topic topic, GroupName group, long afterSequence, int limit) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + EventRows.COLUMNS
                    + ", deliveries, dead_at from event_dead_letters where tenant_id = strata_current_tenant() "
                    + "and topic = ? and group_name = ? and sequence > ? order by sequence limit ?")) {
                statement.setString(1, topic.value());
                statement.setString(2, group.value());
                statement.setLong(3, afterSequence);
                statement.setInt(4, limit);
                return map(topic, group, statement);
            }
        });
    }

    @Override
    public Optional<DeadLetter> findDeadLetter(Topic topic, GroupName group, String eventId) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + EventRows.COLUMNS
                    + ", deliveries, dead_at from event_dead_letters where tenant_id = strata_current_tenant() "
                    + "and topic = ? and group_name = ? and event_id = ? order by sequence limit 1")) {
                statement.setString(1, topic.value());
                statement.setString(2, group.value());
                statement.setString(3, eventId);
                return map(topic, group, statement).stream().findFirst();
            }
        });
    }

    @Override
    public boolean removeDeadLetter(Topic topic, GroupName group, long sequence) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("delete from event_dead_letters where "
                    + "tenant_id = strata_current_tenant() and topic = ? and group_name = ? and sequence = ?")) {
                statement.setString(1, topic.value());
                statement.setString(2, group.value());
                statement.setLong(3, sequence);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long countDeadLetters(Topic topic, GroupName group) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select count(*) from event_dead_letters "
                    + "where tenant_id = strata_current_tenant() and topic = ? and group_name = ?")) {
                statement.setString(1, topic.value());
                statement.setString(2, group.value());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static List<DeadLetter> map(Topic topic, GroupName group, PreparedStatement statement) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                letters.add(new DeadLetter(group, EventRows.map(topic, rows), rows.getLong("deliveries"),
                        rows.getTimestamp("dead_at").toInstant()));
            }
        }
        return letters;
    }
}
