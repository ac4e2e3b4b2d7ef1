package dev.strata.adapters.postgres.conversations;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationCursor;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.MessageId;
import dev.strata.domain.conversations.NewMessage;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Postgres adapter for {@link ConversationStore} ({@code conversations}, {@code conversation_messages}, RLS). A
 * conversation's row lock serialises its appends, which number messages without gaps.
 */
@Singleton
public class PostgresConversationStore implements ConversationStore {
    private static final String CONVERSATION_COLUMNS = "id, user_id, title, created_at, last_activity_at";
    private static final String MESSAGE_COLUMNS =
            "m.id, m.conversation_id, m.sequence, m.role, m.content, m.metadata::text, m.created_at, m.client_message_id";

    private final Jdbc jdbc;

    public PostgresConversationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(Conversation conversation) {
        create(conversation, null);
    }

    @Override
    public void create(Conversation conversation, Quota quota) {
        TenantId tenant = TenantContext.require();
        try {
            jdbc.inTransaction(connection -> {
                if (quota != null) {
                    QuotaGate.admit(connection, tenant, quota, "conversations", List.of("id"), conversation.id().value());
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "insert into conversations (tenant_id, id, user_id, title, created_at, last_activity_at) "
                                + "values (?, ?, ?, ?, ?, ?)")) {
                    statement.setObject(1, tenant.value());
                    statement.setObject(2, conversation.id().value());
                    statement.setString(3, conversation.owner().value());
                    statement.setString(4, conversation.title());
                    statement.setObject(5, timestamp(conversation.createdAt()));
                    statement.setObject(6, timestamp(conversation.lastActivityAt()));
                    return statement.executeUpdate();
                }
            });
        } catch (ConflictException e) {
            throw new ConflictException("conversations.exists", "conversation " + conversation.id() + " exists");
        }
    }

    @Override
    public Optional<Conversation> find(ConversationId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + CONVERSATION_COLUMNS + " from conversations where id = ?")) {
                statement.setObject(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(conversation(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Conversation> listRecent(UserId owner, Optional<ConversationCursor> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            String sql = "select " + CONVERSATION_COLUMNS + " from conversations where user_id = ?"
                    + (after.isPresent() ? " and (last_activity_at < ? or (last_activity_at = ? and id > ?))" : "")
                    + " order by last_activity_at desc, id limit ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = 1;
                statement.setString(i++, owner.value());
                if (after.isPresent()) {
                    statement.setObject(i++, timestamp(after.get().lastActivityAt()));
                    statement.setObject(i++, timestamp(after.get().lastActivityAt()));
                    statement.setObject(i++, after.get().id().value());
                }
                statement.setInt(i, limit);
                List<Conversation> page = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(conversation(rows));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public boolean rename(ConversationId id, String title) {
        String valid = Conversation.validTitle(title);
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("update conversations set title = ? where id = ?")) {
                statement.setString(1, valid);
                statement.setObject(2, id.value());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(ConversationId id) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("delete from conversations where id = ?")) {
                statement.setObject(1, id.value());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<ConversationId> deleteAllOf(UserId owner) {
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from conversations where user_id = ? returning id")) {
                statement.setString(1, owner.value());
                List<ConversationId> deleted = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        deleted.add(new ConversationId(rows.getObject(1, UUID.class)));
                    }
                }
                return deleted;
            }
        });
    }

    @Override
    public Optional<Message> appendMessage(ConversationId id, NewMessage message) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            // the row lock orders this conversation's appends until commit
            try (PreparedStatement lock = connection.prepareStatement(
                    "select last_sequence from conversations where id = ? for update")) {
                lock.setObject(1, id.value());
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                }
            }
            if (message.clientMessageId().isPresent()) {
                Optional<Message> first = byClientMessageId(connection, id, message.clientMessageId().get());
                if (first.isPresent()) {
                    return first;
                }
            }
            long sequence;
            try (PreparedStatement bump = connection.prepareStatement(
                    "update conversations set last_sequence = last_sequence + 1, "
                            + "last_activity_at = greatest(last_activity_at, ?) where id = ? returning last_sequence")) {
                bump.setObject(1, timestamp(message.createdAt()));
                bump.setObject(2, id.value());
                try (ResultSet rows = bump.executeQuery()) {
                    rows.next();
                    sequence = rows.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into conversation_messages (tenant_id, conversation_id, sequence, id, client_message_id, "
                            + "role, content, metadata, created_at) values (?, ?, ?, ?, ?, ?, ?, ?::json, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, id.value());
                insert.setLong(3, sequence);
                insert.setObject(4, message.id().value());
                insert.setString(5, message.clientMessageId().orElse(null));
                insert.setString(6, message.role().wire());
                insert.setString(7, message.content());
                insert.setString(8, new String(message.metadata(), StandardCharsets.UTF_8));
                insert.setObject(9, timestamp(message.createdAt()));
                insert.executeUpdate();
            }
            return Optional.of(message.in(id, sequence));
        });
    }

    private static Optional<Message> byClientMessageId(Connection connection, ConversationId id, String clientMessageId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + MESSAGE_COLUMNS
                + " from conversation_messages m where m.conversation_id = ? and m.client_message_id = ?")) {
            statement.setObject(1, id.value());
            statement.setString(2, clientMessageId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(message(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Message> listMessages(ConversationId id, OptionalLong beforeSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + MESSAGE_COLUMNS
                    + " from conversation_messages m where m.conversation_id = ?"
                    + (beforeSequence.isPresent() ? " and m.sequence < ?" : "") + " order by m.sequence desc limit ?")) {
                int i = 1;
                statement.setObject(i++, id.value());
                if (beforeSequence.isPresent()) {
                    statement.setLong(i++, beforeSequence.getAsLong());
                }
                statement.setInt(i, limit);
                return messages(statement);
            }
        });
    }

    @Override
    public List<Message> contextWindow(ConversationId id, int maxMessages, int maxChars) {
        if (maxMessages < 1 || maxChars < 0) {
            throw new IllegalArgumentException("maxMessages must be at least 1 and maxChars not negative");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            // running total from the newest down; the first message over the budget ends the window
            try (PreparedStatement statement = connection.prepareStatement("select " + MESSAGE_COLUMNS.replace("m.", "")
                    + " from (select m.*, sum(length(m.content)) over (order by m.sequence desc) as running"
                    + " from conversation_messages m where m.conversation_id = ? order by m.sequence desc limit ?) w"
                    + " where running <= ? order by sequence desc")) {
                statement.setObject(1, id.value());
                statement.setInt(2, maxMessages);
                statement.setLong(3, maxChars);
                List<Message> window = new ArrayList<>(messages(statement));
                Collections.reverse(window);
                return window;
            }
        });
    }

    @Override
    public List<Message> search(UserId owner, String query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        TenantContext.require();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + MESSAGE_COLUMNS
                    + " from conversation_messages m join conversations c on c.id = m.conversation_id"
                    + " where c.user_id = ? and m.search @@ plainto_tsquery('simple', ?)"
                    + " order by m.created_at desc, m.sequence desc limit ?")) {
                statement.setString(1, owner.value());
                statement.setString(2, query);
                statement.setInt(3, limit);
                return messages(statement);
            }
        });
    }

    private static List<Message> messages(PreparedStatement statement) throws SQLException {
        List<Message> messages = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                messages.add(message(rows));
            }
        }
        return messages;
    }

    private static Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(new ConversationId(rows.getObject(1, UUID.class)), new UserId(rows.getString(2)),
                rows.getString(3), instant(rows, 4), instant(rows, 5));
    }

    private static Message message(ResultSet rows) throws SQLException {
        return new Message(new MessageId(rows.getObject(1, UUID.class)), new ConversationId(rows.getObject(2, UUID.class)),
                rows.getLong(3), Role.fromWire("role", rows.getString(4)), rows.getString(5),
                rows.getString(6).getBytes(StandardCharsets.UTF_8), instant(rows, 7), Optional.ofNullable(rows.getString(8)));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
