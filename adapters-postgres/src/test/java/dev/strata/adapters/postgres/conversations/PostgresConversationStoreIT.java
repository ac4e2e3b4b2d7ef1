package dev.strata.adapters.postgres.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.conversations.Conversation;
import dev.strata.domain.conversations.ConversationId;
import dev.strata.domain.conversations.ConversationStoreContract;
import dev.strata.domain.conversations.Message;
import dev.strata.domain.conversations.NewMessage;
import dev.strata.domain.conversations.Role;
import dev.strata.domain.conversations.port.ConversationStore;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The conversation store contract against real Postgres (with row-level security), and what the schema adds. */
class PostgresConversationStoreIT extends ConversationStoreContract {
    @Override
    protected ConversationStore createSubject() {
        return PostgresTestContext.shared().getBean(PostgresConversationStore.class);
    }

    @Override
    protected void givenTenant(TenantId tenant) {
        PostgresTestContext.insertTenant(tenant);
    }

    private static Jdbc jdbc() {
        return PostgresTestContext.shared().getBean(Jdbc.class);
    }

    private void servingRoleRuns(String sql) {
        runAs(tenant, () -> jdbc().inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return statement.execute();
            }
        }));
    }

    @Test
    void messagesAreImmutableForTheServingRole() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Conversation conversation = Conversation.start(ConversationId.random(), user, "immutable", now);
        runAs(tenant, () -> store.create(conversation));
        Message message = as(tenant, () -> store.appendMessage(conversation.id(), NewMessage.of(Role.USER, "as sent", now)))
                .orElseThrow();
        for (String sql : new String[] {"update conversation_messages set content = 'changed'",
                "truncate conversation_messages"}) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> servingRoleRuns(sql), sql);
            assertTrue(refused.getMessage().contains("42501"), sql + ": " + refused.getMessage());
        }
        assertEquals(List.of(message), as(tenant, () -> store.listMessages(conversation.id(), OptionalLong.empty(), 10)));
        // deleting the conversation still removes its messages (the cascade)
        assertTrue(as(tenant, () -> store.delete(conversation.id())));
        assertTrue(as(tenant, () -> store.find(conversation.id())).isEmpty());
    }

    @Test
    void theRecentListAndPagesBeforeACursorAreServedByIndexes() {
        List<String> definitions = query("select indexdef from pg_indexes where schemaname = current_schema() "
                + "and tablename in ('conversations', 'conversation_messages')");
        assertTrue(definitions.stream().anyMatch(d -> d.contains("(tenant_id, user_id, last_activity_at DESC, id)")),
                "recent conversations of a user: " + definitions);
        assertTrue(definitions.stream().anyMatch(d -> d.contains("UNIQUE INDEX conversation_messages_pkey")
                && d.contains("(tenant_id, conversation_id, sequence)")), "messages of a conversation before X: " + definitions);
        assertTrue(definitions.stream().anyMatch(d -> d.contains("USING gin (search)")), "full-text search: " + definitions);
    }

    private List<String> query(String sql) {
        return as(tenant, () -> jdbc().inTransaction(connection -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }));
    }
}
